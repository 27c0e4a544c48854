package dev.ratchet.eval.repo;

import static dev.ratchet.eval.repo.RepoFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.RatchetException;
import dev.ratchet.action.Edit;
import dev.ratchet.action.InvalidCall;
import dev.ratchet.eval.InstanceResult;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.policy.Budget;
import dev.ratchet.testkit.FakeGate;
import dev.ratchet.testkit.FakeSandbox;
import dev.ratchet.testkit.ScriptedModelClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner with real git and the real loop, and cargo answered from recorded output (the real
 * thing runs in {@code RepoInstanceRunnerIT}).
 */
class RepoInstanceRunnerTest {

  @TempDir Path tmp;

  private FakeSandbox cargo;

  @BeforeEach
  void setUp() {
    cargo = RepoFixtures.cargoFromGoldenFiles();
  }

  @Test
  void gold_resolves_withEveryNamedTestPassing() {
    RepoInstance task = RepoFixtures.task("word-count-whitespace");

    InstanceResult r = runner().run(task, Solver.gold());

    assertThat(r.resolved()).as(r.reason()).isTrue();
    assertThat(r.reason()).isEqualTo("resolved: the fail-to-pass test passes and all 4"
        + " pass-to-pass tests still pass");
    assertThat(r.suite()).isEqualTo("folder");
    assertThat(r.instance()).isEqualTo("word-count-whitespace");
    assertThat(r.model()).isEqualTo("gold");
    assertThat(r.patch()).isEqualTo(task.fixPatch());
    assertThat(r.iterations()).isZero();
    assertThat(r.failToPass()).extracting(TestOutcome::name)
        .containsExactly("tests::counts_words_separated_by_tabs_and_newlines");
    assertThat(r.failToPass()).extracting(TestOutcome::status)
        .containsOnly(TestOutcome.Status.PASSED);
    assertThat(r.passToPass()).hasSize(4).extracting(TestOutcome::status)
        .containsOnly(TestOutcome.Status.PASSED);
    assertThat(r.gateMillis()).isPositive();
    assertThat(r.toolCalls()).isZero();
    assertThat(r.inputTokens()).isZero();
  }

  @Test
  void empty_isUnresolved_withTheFailToPassTestFailing_andTheOthersPassing() {
    InstanceResult r = runner().run(RepoFixtures.task("word-count-whitespace"), Solver.empty());

    assertThat(r.resolved()).isFalse();
    assertThat(r.patch()).isEmpty();
    assertThat(r.reason()).isEqualTo("unresolved: 1 of 1 fail-to-pass tests do not pass"
        + " (tests::counts_words_separated_by_tabs_and_newlines: assertion `left == right`"
        + " failed (at src/tests.rs:15:5))");
    assertThat(r.failToPass()).singleElement().satisfies(t -> {
      assertThat(t.status()).isEqualTo(TestOutcome.Status.FAILED);
      assertThat(t.message()).contains("left: 2");
    });
    assertThat(r.passToPass()).extracting(TestOutcome::status)
        .containsOnly(TestOutcome.Status.PASSED);
  }

  @Test
  void testsThatDoNotCompile_countAsFailing_notAsNoTests() {
    InstanceResult r = runner().run(RepoFixtures.task("line-count"), Solver.empty());

    assertThat(r.resolved()).isFalse();
    assertThat(r.reason()).startsWith("unresolved: the tests do not compile with the test patch"
        + " applied, which counts as failing (src/tests.rs:1:13: error[E0432]:");
    assertThat(r.failToPass()).hasSize(2).allSatisfy(t -> {
      assertThat(t.status()).isEqualTo(TestOutcome.Status.FAILED);
      assertThat(t.message()).startsWith("the tests do not compile: src/tests.rs:1:13:");
    });
    assertThat(r.passToPass()).extracting(TestOutcome::status)
        .containsOnly(TestOutcome.Status.FAILED);
  }

  @Test
  void aTestPatchThatDoesNotApply_isUnresolved_withGitsReason_andRunsNothing() {
    RepoInstance task = RepoFixtures.task("word-count-whitespace").withTestPatch("""
        diff --git a/src/tests.rs b/src/tests.rs
        --- a/src/tests.rs
        +++ b/src/tests.rs
        @@ -1,3 +1,3 @@
         use super::nothing_like_this;
        -fn this_line_is_not_there() {}
        +fn nor_this() {}
         }
        """);

    InstanceResult r = runner().run(task, Solver.gold());

    assertThat(r.resolved()).isFalse();
    assertThat(r.reason()).startsWith("unresolved: the test patch does not apply on top of the"
        + " answer: error:");
    assertThat(r.failToPass()).allSatisfy(t -> assertThat(t.message())
        .startsWith("not run: the test patch does not apply"));
    assertThat(cargo.specs()).isEmpty();
  }

  @Test
  void model_runsTheLoop_andCountsToolCallsAndInvalidOnes_withoutSeeingTheTestPatch() {
    RepoInstance task = RepoFixtures.task("word-count-whitespace");
    ModelReply reply = new ModelReply("", List.of(
        new InvalidCall("apply_patch", "{\"patch\": ", "the arguments are not JSON"),
        Edit.patch(task.fixPatch())), new TokenUsage(1200, 300),
        ModelReply.FinishReason.TOOL_CALLS, Map.of("channel", "tools"));
    ScriptedModelClient model = ScriptedModelClient.inOrder(reply);

    InstanceResult r = runner(FakeGate.passing("build"))
        .run(task, Solver.model("scripted", () -> model));

    assertThat(r.resolved()).as(r.reason()).isTrue();
    assertThat(r.reason()).endsWith("; the loop accepted after 1 iteration");
    assertThat(r.model()).isEqualTo("scripted");
    assertThat(r.iterations()).isEqualTo(1);
    assertThat(r.toolCalls()).isEqualTo(2);
    assertThat(r.invalidToolCalls()).isEqualTo(1);
    assertThat(r.inputTokens()).isEqualTo(1200);
    assertThat(r.outputTokens()).isEqualTo(300);
    assertThat(r.patch()).contains("+    text.split_whitespace().count()");
    assertThat(model.requests()).singleElement().satisfies(q -> {
      assertThat(q.task().prompt()).isEqualTo(task.problemStatement());
      assertThat(q.toString()).doesNotContain("counts_words_separated_by_tabs_and_newlines");
    });
  }

  @Test
  void textReplies_countNoToolCalls() {
    RepoInstance task = RepoFixtures.task("word-count-whitespace");
    ScriptedModelClient model = ScriptedModelClient.inOrder(new ModelReply("```diff ...",
        List.of(Edit.patch(task.fixPatch())), TokenUsage.ZERO, ModelReply.FinishReason.STOP,
        Map.of("channel", "text")));

    InstanceResult r = runner(FakeGate.passing("build"))
        .run(task, Solver.model("texty", () -> model));

    assertThat(r.resolved()).isTrue();
    assertThat(r.toolCalls()).isZero();
    assertThat(r.invalidToolCalls()).isZero();
  }

  @Test
  void aModelThatStopsWithoutAChange_isJudgedOnTheBase() {
    ScriptedModelClient model = ScriptedModelClient.inOrder(
        ModelReply.of(Edit.patch("not a patch at all")));

    InstanceResult r = RepoInstanceRunner.builder(RepoFixtures.sandboxes(cargo),
            RepoFixtures.fakeEnvironment(tmp))
        .loopGates(List.of(FakeGate.passing("build")))
        .budget(Budget.defaults().withMaxIterations(1))
        .workDir(tmp.resolve("work"))
        .build()
        .run(RepoFixtures.task("word-count-whitespace"), Solver.model("m", () -> model));

    assertThat(r.resolved()).isFalse();
    assertThat(r.patch()).isEmpty();
    assertThat(r.iterations()).isEqualTo(1);
    assertThat(r.reason()).endsWith("; the loop stopped after 1 iteration");
  }

  @Test
  void theUsersRepository_isOnlyRead_andTheWorkDirectoryIsRemoved() throws IOException {
    Path clone = RepoFixtures.gitRepo("word-count-whitespace", tmp.resolve("clones/tally"));
    String head = git(clone, "rev-parse", "HEAD");
    String refs = git(clone, "for-each-ref");
    RepoInstance task = RepoFixtures.task("word-count-whitespace").withRepository(clone);
    ScriptedModelClient model = ScriptedModelClient.inOrder(
        ModelReply.of(Edit.patch(task.fixPatch())));

    InstanceResult r = runner(FakeGate.passing("build"))
        .run(task, Solver.model("scripted", () -> model));

    assertThat(r.resolved()).isTrue();
    assertThat(git(clone, "rev-parse", "HEAD")).isEqualTo(head);
    assertThat(git(clone, "for-each-ref")).isEqualTo(refs);
    assertThat(git(clone, "status", "--porcelain")).isEmpty();
    try (Stream<Path> left = Files.list(tmp.resolve("work"))) {
      assertThat(left).isEmpty();
    }
    assertThat(RepoFixtures.SUITE.resolve("word-count-whitespace/repo/.git")).doesNotExist();
  }

  @Test
  void aBareMirror_isClonedLikeAWorkTree() {
    Path clone = RepoFixtures.gitRepo("word-count-whitespace", tmp.resolve("clones/tally"));
    Path bare = tmp.resolve("clones/tally.git");
    git(tmp, "clone", "--quiet", "--bare", clone.toString(), bare.toString());

    InstanceResult r = runner().run(RepoFixtures.task("word-count-whitespace")
        .withRepository(bare), Solver.gold());

    assertThat(r.resolved()).as(r.reason()).isTrue();
  }

  @Test
  void theBaseCommit_isWhereTheAnswerStarts() {
    Path clone = RepoFixtures.gitRepo("word-count-whitespace", tmp.resolve("clones/tally"));
    String base = git(clone, "rev-parse", "HEAD");
    RepoInstance task = RepoFixtures.task("word-count-whitespace");
    GitCli.apply(clone, task.fixPatch());
    GitCli.commitAll(clone, "the fix, after the base");

    InstanceResult atBase = runner().run(new RepoInstance("s", "at-base", "p", "tally", base,
        task.fixPatch(), task.testPatch(), task.failToPass(), task.passToPass(), clone),
        Solver.empty());
    InstanceResult atHead = runner().run(task.withRepository(clone), Solver.empty());

    assertThat(atBase.resolved()).isFalse();
    assertThat(atHead.resolved()).as(atHead.reason()).isTrue();
  }

  @Test
  void keepWorkDirs_leavesThePrivateRepositoryForInspection() throws IOException {
    RepoInstanceRunner runner = RepoInstanceRunner.builder(RepoFixtures.sandboxes(cargo),
            RepoFixtures.fakeEnvironment(tmp))
        .workDir(tmp.resolve("work"))
        .keepWorkDirs(true)
        .build();

    runner.run(RepoFixtures.task("word-count-whitespace"), Solver.empty());

    try (Stream<Path> left = Files.list(tmp.resolve("work"))) {
      assertThat(left).singleElement().satisfies(dir -> {
        assertThat(dir.getFileName().toString()).startsWith("ratchet-word-count-whitespace-");
        assertThat(dir.resolve("repo/src/tests.rs")).content()
            .contains("counts_words_separated_by_tabs_and_newlines");
      });
    }
  }

  @Test
  void gold_withoutAReferenceFix_isUnresolved_andRunsNothing() {
    RepoInstance task = RepoFixtures.task("word-count-whitespace");
    RepoInstance noFix = new RepoInstance(task.suite(), task.id(), task.problemStatement(),
        task.repo(), "", "", task.testPatch(), task.failToPass(), task.passToPass(),
        task.repository());

    InstanceResult r = runner().run(noFix, Solver.gold());

    assertThat(r.resolved()).isFalse();
    assertThat(r.reason()).isEqualTo("unresolved: the instance has no reference fix");
    assertThat(cargo.specs()).isEmpty();
  }

  @Test
  void anInstanceWithoutFailToPassTests_cannotBeResolved() {
    RepoInstance task = RepoFixtures.task("word-count-whitespace");
    RepoInstance none = new RepoInstance(task.suite(), task.id(), task.problemStatement(),
        task.repo(), "", task.fixPatch(), task.testPatch(), List.of(), task.passToPass(),
        task.repository());

    InstanceResult r = runner().run(none, Solver.gold());

    assertThat(r.resolved()).isFalse();
    assertThat(r.reason()).contains("names no fail-to-pass test");
  }

  @Test
  void aBrokenEnvironment_isAnException_notAResult() {
    RepoInstance task = RepoFixtures.task("word-count-whitespace");
    RepoInstanceRunner unavailable = RepoInstanceRunner.builder(
        RepoFixtures.sandboxes(FakeSandbox.unavailable()), RepoFixtures.fakeEnvironment(tmp))
        .workDir(tmp.resolve("work")).build();

    assertThatThrownBy(() -> unavailable.run(task, Solver.gold()))
        .isInstanceOf(RatchetException.class)
        .hasMessageContaining("word-count-whitespace: the tests could not be run");
    assertThatThrownBy(() -> runner().run(task.withRepository(tmp.resolve("nowhere")),
        Solver.gold()))
        .hasMessageContaining("no repository at " + tmp.resolve("nowhere"));
    Path clone = RepoFixtures.gitRepo("word-count-whitespace", tmp.resolve("clones/tally"));
    RepoInstance missingBase = new RepoInstance("s", "i", "p", "r",
        "0123456789abcdef0123456789abcdef01234567", "", "", List.of("a"), List.of(), clone);
    assertThatThrownBy(() -> runner().run(missingBase, Solver.empty()))
        .hasMessageContaining("is not in " + clone);
  }

  @Test
  void gist_ofAPanic_isItsMessageAndPlace() {
    assertThat(RepoInstanceRunner.gist("thread 'tests::a' (31) panicked at src/lib.rs:9:5:\n"
        + "index out of bounds\nnote: run with `RUST_BACKTRACE=1`")).isEqualTo(
            "index out of bounds (at src/lib.rs:9:5)");
    assertThat(RepoInstanceRunner.gist("thread 'main' panicked at src/lib.rs:1:1:\nboom"))
        .isEqualTo("boom (at src/lib.rs:1:1)");
    assertThat(RepoInstanceRunner.gist("never reported\nmore")).isEqualTo("never reported");
    assertThat(RepoInstanceRunner.gist("")).isEmpty();
  }

  @Test
  void builder_refusesAValueSetTwice_andATestCommandThatIsNotCargoTest() {
    RepoInstanceRunner.Builder b = RepoInstanceRunner.builder(RepoFixtures.sandboxes(cargo),
        RepoFixtures.fakeEnvironment(tmp)).budget(Budget.defaults());

    assertThatThrownBy(() -> b.budget(Budget.defaults()))
        .isInstanceOf(IllegalStateException.class).hasMessage("budget is already set; set it once");
    assertThatThrownBy(() -> b.testCommand(List.of("build")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts with 'test'");
    assertThatThrownBy(() -> b.loopGates(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private RepoInstanceRunner runner(FakeGate... loopGates) {
    RepoInstanceRunner.Builder b = RepoInstanceRunner.builder(RepoFixtures.sandboxes(cargo),
        RepoFixtures.fakeEnvironment(tmp)).workDir(tmp.resolve("work"));
    if (loopGates.length > 0) {
      b.loopGates(List.of(loopGates));
    }
    return b.build();
  }
}
