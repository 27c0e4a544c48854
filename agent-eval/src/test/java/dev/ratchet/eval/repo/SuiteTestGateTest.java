package dev.ratchet.eval.repo;

import static dev.ratchet.eval.repo.RepoFixtures.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.cargo.ManifestRules;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.testkit.FakeSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The named-tests gate against cargo output recorded from the fixture crate. */
class SuiteTestGateTest {

  private static final List<String> F2P =
      List.of("tests::counts_words_separated_by_tabs_and_newlines");
  private static final List<String> P2P = List.of("tests::counts_words_separated_by_spaces",
      "tests::ignores_repeated_spaces", "empty_text_has_no_words",
      "src/lib.rs - word_count (line 5)");

  @TempDir Path tmp;

  private CargoEnvironment environment;

  @BeforeEach
  void setUp() {
    environment = RepoFixtures.fakeEnvironment(tmp);
  }

  @Test
  void judge_failingNamedTest_failsTheGate_withEveryOtherTestAccountedFor() {
    try (GitWorkspace ws = workspace()) {
      SuiteTestGate.Judgement j = gate(names()).judge(context(ws, cargo("whitespace-empty")));

      assertThat(j.stage()).isEqualTo(SuiteTestGate.Judgement.Stage.RAN);
      assertThat(j.why()).isEmpty();
      assertThat(j.result().status()).isEqualTo(GateStatus.FAIL);
      assertThat(j.result().tests()).extracting(TestOutcome::name, TestOutcome::status)
          .containsExactly(
              tuple("tally::tests::counts_words_separated_by_spaces", TestOutcome.Status.PASSED),
              tuple("tally::tests::counts_words_separated_by_tabs_and_newlines",
                  TestOutcome.Status.FAILED),
              tuple("tally::tests::ignores_repeated_spaces", TestOutcome.Status.PASSED),
              tuple("empty::empty_text_has_no_words", TestOutcome.Status.PASSED),
              tuple("src/lib.rs - word_count (line 5)", TestOutcome.Status.PASSED));
      assertThat(j.result().failedTests()).singleElement()
          .satisfies(t -> assertThat(t.message()).contains("left: 2", "right: 4"));
      assertThat(j.result().summary()).contains("4 passed, 1 failed",
          "of the 5 judged tests 4 passed", "counts_words_separated_by_tabs_and_newlines");
      assertThat(j.result().duration()).isPositive();
    }
  }

  @Test
  void judge_everyNamedTestPassing_passes() {
    try (GitWorkspace ws = workspace()) {
      SuiteTestGate.Judgement j = gate(names()).judge(context(ws, cargo("whitespace-gold")));

      assertThat(j.result().status()).as(j.result().summary()).isEqualTo(GateStatus.PASS);
      assertThat(j.result().tests()).hasSize(5).allSatisfy(t -> assertThat(t.status())
          .isEqualTo(TestOutcome.Status.PASSED));
    }
  }

  @Test
  void judge_testsThatDoNotCompile_areTheirOwnStage_withTheCompilerError() {
    FakeSandbox sandbox = FakeSandbox.answering(spec -> golden("line-count-empty", "list"));
    try (GitWorkspace ws = workspace()) {
      SuiteTestGate.Judgement j = gate(names()).judge(context(ws, sandbox));

      assertThat(j.stage()).isEqualTo(SuiteTestGate.Judgement.Stage.DID_NOT_COMPILE);
      assertThat(j.why()).startsWith("src/tests.rs:1:13: error[E0432]: unresolved import");
      assertThat(j.result().status()).isEqualTo(GateStatus.FAIL);
      assertThat(j.result().tests()).isEmpty();
      assertThat(j.result().diagnostics()).extracting(Diagnostic::code).contains("E0432");
      assertThat(j.result().summary()).contains("do not compile, so none ran");
      assertThat(sandbox.specs()).hasSize(1);
    }
  }

  @Test
  void cargoCalls_listThenRun_withTheNamesAsFilters_warningsAllowed_andNoFailFast() {
    FakeSandbox sandbox = cargo("whitespace-empty");
    try (GitWorkspace ws = workspace()) {
      gate(names()).judge(context(ws, sandbox));

      List<ExecSpec> specs = sandbox.specs();
      assertThat(specs).hasSize(2);
      List<String> list = specs.get(0).argv();
      assertThat(list.subList(0, 4)).containsExactly("/bin/sh", "-c",
          "exec \"$0\" \"$@\" 2>&1", "cargo");
      assertThat(list.subList(4, list.size())).startsWith("test", "--frozen", "--workspace",
          "--message-format=json", "--no-fail-fast", "--", "--list")
          .endsWith(P2P.toArray(String[]::new));
      assertThat(specs.get(1).argv().subList(4, specs.get(1).argv().size()))
          .containsExactly(concat("test", "--frozen", "--workspace", "--no-fail-fast", "--"));
      assertThat(specs.get(1).env()).containsEntry("RUSTFLAGS", "-Awarnings")
          .containsEntry("CARGO_TARGET_DIR", "/target");
      assertThat(specs.get(1).workdir()).isEqualTo("/workspace");
      assertThat(specs.get(1).limits().outputBytes()).isGreaterThanOrEqualTo(32L << 20);
    }
  }

  @Test
  void filters_areLeftOut_whenANameLooksLikeAnOption_orTheyAreTooLong() {
    assertThat(gate(List.of("tests::a", "-b")).filters()).isEmpty();
    String longName = String.join("", Collections.nCopies(70, "x".repeat(1000)));
    assertThat(gate(List.of(longName)).filters()).isEmpty();
    assertThat(gate(List.of()).filters()).isEmpty();
    assertThat(gate(List.of("tests::a", "b")).filters()).containsExactly("tests::a", "b");
  }

  @Test
  void withoutNames_theWholeSuiteIsJudged_forTheLoop() {
    try (GitWorkspace ws = workspace()) {
      FakeSandbox sandbox = FakeSandbox.answering(spec -> golden("whitespace-empty",
          spec.argv().contains("--list") ? "list" : "run"));

      var result = gate(List.of()).run(context(ws, sandbox));

      assertThat(result.status()).isEqualTo(GateStatus.FAIL);
      assertThat(result.summary()).contains("4 passed, 1 failed, 0 ignored.")
          .doesNotContain("judged tests");
      assertThat(sandbox.specs().get(0).argv()).endsWith("--list");
    }
  }

  @Test
  void aTimeLimitWhileBuilding_meansNothingRan() {
    ExecResult stopped = new ExecResult(137, "   Compiling tally v0.1.0 (/workspace)\n", "",
        Duration.ofMinutes(10), Set.of(ExecResult.Limit.TIME), 0);
    try (GitWorkspace ws = workspace()) {
      SuiteTestGate.Judgement j = gate(names())
          .judge(context(ws, FakeSandbox.answering(spec -> stopped)));

      assertThat(j.stage()).isEqualTo(SuiteTestGate.Judgement.Stage.NOT_RUN);
      assertThat(j.why()).contains("was stopped by the time limit");
      assertThat(j.result().status()).isEqualTo(GateStatus.FAIL);
    }
  }

  @Test
  void anUnavailableSandbox_isAnError_notAVerdict() {
    try (GitWorkspace ws = workspace()) {
      SuiteTestGate.Judgement j = gate(names())
          .judge(context(ws, FakeSandbox.unavailable()));

      assertThat(j.result().status()).isEqualTo(GateStatus.ERROR);
      assertThat(j.stage()).isEqualTo(SuiteTestGate.Judgement.Stage.NOT_RUN);
    }
  }

  @Test
  void refusedManifests_failBeforeAnythingRuns() throws IOException {
    try (GitWorkspace ws = workspace()) {
      Files.writeString(ws.root().resolve("Cargo.toml"), Files.readString(
          ws.root().resolve("Cargo.toml")) + "left-pad = { git = \"https://example.com/x\" }\n");
      FakeSandbox sandbox = cargo("whitespace-gold");

      SuiteTestGate.Judgement j = gate(names()).judge(context(ws, sandbox));

      assertThat(j.stage()).isEqualTo(SuiteTestGate.Judgement.Stage.NOT_RUN);
      assertThat(j.why()).contains("manifests were refused", "git");
      assertThat(sandbox.specs()).isEmpty();
    }
  }

  private static String[] concat(String... parts) {
    List<String> all = new java.util.ArrayList<>(List.of(parts));
    all.addAll(F2P);
    all.addAll(P2P);
    return all.toArray(String[]::new);
  }

  private static List<String> names() {
    List<String> all = new java.util.ArrayList<>(F2P);
    all.addAll(P2P);
    return all;
  }

  private SuiteTestGate gate(List<String> names) {
    return new SuiteTestGate("tests", environment, List.of("test", "--frozen", "--workspace"),
        Map.of("RUSTFLAGS", "-Awarnings"), Limits.defaults(), ManifestRules.strict(), names);
  }

  private static FakeSandbox cargo(String caseName) {
    return FakeSandbox.answering(spec -> golden(caseName,
        spec.argv().contains("--list") ? "list" : "run"));
  }

  private static GateContext context(GitWorkspace ws, FakeSandbox sandbox) {
    return new GateContext(ws, sandbox, 0);
  }

  private GitWorkspace workspace() {
    Path repo = RepoFixtures.gitRepo("word-count-whitespace", tmp.resolve("repo"));
    return GitWorkspace.builder(repo).runId("judge").open();
  }
}
