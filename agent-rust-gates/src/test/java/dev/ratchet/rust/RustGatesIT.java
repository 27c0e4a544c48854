package dev.ratchet.rust;

import static dev.ratchet.rust.GateFixtures.judge;
import static dev.ratchet.rust.GateFixtures.workspace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.gate.Suggestion;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.sandbox.docker.DockerSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every gate on real crates, with real cargo in the Docker sandbox. */
class RustGatesIT {

  private static RustGates rust;

  @TempDir Path tmp;

  @BeforeAll
  static void gates() {
    GateFixtures.docker();
    rust = RustGates.with(GateFixtures.environment());
  }

  @Test
  void passingCrate_passesEveryGate_withEachTestAccountedFor() {
    try (GitWorkspace ws = workspace("passing", tmp)) {
      for (Gate gate : rust.pipeline(List.of("fmt", "build", "clippy"))) {
        GateResult r = judge(gate, ws);
        assertThat(r.status()).as(gate.name() + ": " + r.summary()).isEqualTo(GateStatus.PASS);
      }
      GateResult test = judge(rust.test(), ws);

      assertThat(test.status()).as(test.summary()).isEqualTo(GateStatus.PASS);
      assertThat(test.tests()).extracting(TestOutcome::name, TestOutcome::status)
          .contains(org.assertj.core.groups.Tuple.tuple("passing::tests::adds",
              TestOutcome.Status.PASSED))
          .contains(org.assertj.core.groups.Tuple.tuple("passing::tests::slow",
              TestOutcome.Status.IGNORED));
      assertThat(test.tests()).anySatisfy(t -> assertThat(t.name()).contains("src/lib.rs - add"));
      assertThat(test.log()).contains("Doc-tests passing");
    }
  }

  @Test
  void warnings_failBuildAndClippy_withTheDiagnosticAndItsPlace() {
    try (GitWorkspace ws = workspace("warnings", tmp)) {
      GateResult build = judge(rust.build(), ws);

      assertThat(build.status()).isEqualTo(GateStatus.FAIL);
      assertThat(build.diagnostics()).anySatisfy(d -> {
        assertThat(d.code()).isEqualTo("unused_variables");
        assertThat(d.location()).isEqualTo("src/lib.rs:2:9");
      });
      assertThat(build.summary()).contains("src/lib.rs:2", "unused_variables");
      assertThat(judge(rust.clippy(), ws).status()).isEqualTo(GateStatus.FAIL);
    }
  }

  @Test
  void doc_failsOnABrokenIntraDocLink_thatBuildAndClippyLetThrough() {
    try (GitWorkspace ws = workspace("broken-docs", tmp)) {
      assertThat(judge(rust.clippy(), ws).status()).isEqualTo(GateStatus.PASS);

      GateResult doc = judge(rust.doc(), ws);

      assertThat(doc.status()).as(doc.summary()).isEqualTo(GateStatus.FAIL);
      assertThat(doc.diagnostics()).anySatisfy(d -> {
        assertThat(d.code()).isEqualTo("rustdoc::broken_intra_doc_links");
        assertThat(d.location()).isEqualTo("src/lib.rs:3:24");
      });
      assertThat(doc.summary()).contains("triple");
    }
    try (GitWorkspace ws = workspace("passing", tmp)) {
      GateResult doc = judge(rust.doc(), ws);
      assertThat(doc.status()).as(doc.summary()).isEqualTo(GateStatus.PASS);
    }
  }

  @Test
  void clippyLint_comesWithMachineApplicableSuggestions() {
    try (GitWorkspace ws = workspace("clippy-lint", tmp)) {
      assertThat(judge(rust.build(), ws).status()).isEqualTo(GateStatus.PASS);
      GateResult clippy = judge(rust.clippy(), ws);

      assertThat(clippy.status()).isEqualTo(GateStatus.FAIL);
      assertThat(clippy.diagnostics()).extracting(Diagnostic::code)
          .contains("clippy::needless_return");
      assertThat(clippy.diagnostics()).flatExtracting(Diagnostic::suggestions)
          .extracting(Suggestion::applicability)
          .contains(Suggestion.Applicability.MACHINE_APPLICABLE);
    }
  }

  @Test
  void failingTest_isReportedWithItsPanicMessage_andThePassingOneStillPasses() {
    try (GitWorkspace ws = workspace("failing-test", tmp)) {
      GateResult test = judge(rust.test(), ws);

      assertThat(test.status()).isEqualTo(GateStatus.FAIL);
      assertThat(test.failedTests()).singleElement().satisfies(t -> {
        assertThat(t.name()).endsWith("tests::doubles");
        assertThat(t.message()).contains("double(2) should be 4");
      });
      assertThat(test.tests()).anySatisfy(t -> {
        assertThat(t.name()).endsWith("tests::zero");
        assertThat(t.status()).isEqualTo(TestOutcome.Status.PASSED);
      });
      assertThat(test.summary()).contains("1 passed, 1 failed", "double(2) should be 4");
      assertThat(test.log()).as("the listing found no doc test, so rustdoc is not run again")
          .contains("Running unittests").doesNotContain("Doc-tests");
    }
  }

  @Test
  void hangingTest_isStoppedAtTheTimeLimit_andTheWarmSessionJudgesTheFix() {
    CargoEnvironment env = GateFixtures.environment();
    RustGates gates = RustGates.with(env)
        .limits("test", env.limits().withTimeout(Duration.ofSeconds(20)));
    try (GitWorkspace ws = workspace("hangs", tmp);
        DockerSandbox.Session session = GateFixtures.docker().openSession(env.mounts(ws.root()),
            env.limits())) {
      long start = System.nanoTime();
      GateResult hung = gates.test().run(new GateContext(ws, session, 1));
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      String container = session.containerId();

      assertThat(hung.status()).isEqualTo(GateStatus.FAIL);
      assertThat(hung.summary()).contains("was stopped by the time limit (20 s)");
      assertThat(elapsed).isLessThan(Duration.ofSeconds(45));

      ws.apply(Edit.writeFile("src/lib.rs", ws.read("src/lib.rs").orElseThrow()
          .replace("AtomicBool::new(false)", "AtomicBool::new(true)")));
      ws.commit("the flag is set");
      GateResult fixed = gates.test().run(new GateContext(ws, session, 1));

      assertThat(fixed.status()).as(fixed.summary()).isEqualTo(GateStatus.PASS);
      assertThat(fixed.tests()).hasSize(2);
      assertThat(session.containerId()).as("the deadline killed the test, not the container")
          .isEqualTo(container);
    }
  }

  @Test
  void testsThatDoNotCompile_failWithTheCompilerError() {
    try (GitWorkspace ws = workspace("tests-do-not-compile", tmp)) {
      GateResult test = judge(rust.test(), ws);

      assertThat(test.status()).isEqualTo(GateStatus.FAIL);
      assertThat(test.summary()).contains("do not compile");
      assertThat(test.diagnostics()).extracting(Diagnostic::code).contains("E0425");
      assertThat(test.tests()).isEmpty();
    }
  }

  @Test
  void testThatExitsTheProcess_cannotHideTheFailingOne() {
    try (GitWorkspace ws = workspace("exits-early", tmp)) {
      GateResult test = judge(rust.test(), ws);

      assertThat(test.status()).isEqualTo(GateStatus.FAIL);
      assertThat(test.tests()).isNotEmpty()
          .noneMatch(t -> t.status() == TestOutcome.Status.PASSED);
      // The exit races libtest's own output, so the reason varies (no summary line, or a block
      // that does not add up); either way the binary is not believed.
      assertThat(test.summary()).contains("Not believed");
    }
  }

  @Test
  void dependencyWithOwnerOnlyFiles_buildsAndTests_asTheSandboxUser() {
    try (GitWorkspace ws = workspace("owner-only-sources", tmp)) {
      GateResult test = judge(rust.test(), ws);

      assertThat(test.status()).as(test.summary()).isEqualTo(GateStatus.PASS);
      assertThat(test.tests()).extracting(TestOutcome::name)
          .contains("owner_only_sources::tests::counts_distinct_words");
    }
  }

  @Test
  void gitDependency_isRefusedOnTheHost_beforeAnythingBuilds() {
    try (GitWorkspace ws = workspace("git-dependency", tmp)) {
      GateResult build = judge(rust.build(), ws);

      assertThat(build.status()).isEqualTo(GateStatus.FAIL);
      assertThat(build.summary()).contains("refused before any build", "git");
      assertThat(build.log()).isEmpty();
    }
  }

  @Test
  void buildScript_cannotPlantACargoConfigOrRewriteSources() throws Exception {
    try (GitWorkspace ws = workspace("writes-workspace", tmp)) {
      GateResult build = judge(rust.build(), ws);

      assertThat(build.log()).contains("planted=false rewritten=false");
      assertThat(ws.root().resolve(".cargo")).doesNotExist();
      assertThat(Files.readString(ws.root().resolve("src/lib.rs"))).contains("1");
    }
  }

  @Test
  void miri_isUnavailableWithoutTheComponent_andFindsTheBugWhereInstalled() {
    try (GitWorkspace ws = workspace("undefined-behaviour", tmp)) {
      GateResult miri = judge(rust.miri(), ws);

      if (GateFixtures.environment().toolchain().hasMiri()) {
        assertThat(miri.status()).isEqualTo(GateStatus.FAIL);
        assertThat(miri.summary()).contains("Undefined Behavior", "src/lib.rs");
      } else {
        assertThat(miri.status()).isEqualTo(GateStatus.UNAVAILABLE);
        assertThat(miri.summary()).contains("Miri is not installed");
      }
    }
  }

  @Test
  void sameTree_isNeverJudgedTwice() {
    try (GitWorkspace ws = workspace("passing", tmp)) {
      Gate clippy = rust.clippy();
      GateResult first = judge(clippy, ws);

      assertThat(judge(clippy, ws)).isSameAs(first);
    }
  }

  @Test
  void differential_failsOnlyOnWhatTheChangeIntroduced() {
    try (GitWorkspace ws = workspace("warnings", tmp)) {
      // snippet:differential-gate
      Gate gate = RustGates.differential(rust.build());
      // end-snippet:differential-gate
      GateResult base = judge(gate, ws);
      assertThat(base.status()).as(base.summary()).isEqualTo(GateStatus.PASS);
      assertThat(base.summary()).contains("Already there on the base", "1 diagnostic");

      assertThat(ws.apply(Edit.writeFile("src/extra.rs", "pub fn f() {\n    let stray = 1;\n}\n"))
          .applied()).isTrue();
      String line = "pub fn area(width: u32, height: u32) -> u32 {\n";
      assertThat(ws.apply(Edit.replace("src/lib.rs", line, "pub mod extra;\n\n" + line))
          .applied()).isTrue();
      ws.commit("adds a warning");
      GateResult changed = judge(gate, ws);

      assertThat(changed.status()).as(changed.summary()).isEqualTo(GateStatus.FAIL);
      assertThat(changed.diagnostics()).singleElement()
          .satisfies(d -> assertThat(d.file()).isEqualTo("src/extra.rs"));
      assertThat(changed.summary()).contains("introduced 1 diagnostic", "Already there");
    }
  }
}
