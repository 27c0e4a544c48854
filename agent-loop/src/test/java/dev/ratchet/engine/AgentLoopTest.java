package dev.ratchet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.RetriableException;
import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.action.ReadFile;
import dev.ratchet.action.RunCommand;
import dev.ratchet.engine.policy.Policies;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.git.TestRepos;
import dev.ratchet.loop.ActionOutcome;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.policy.Budget;
import dev.ratchet.policy.Decision;
import dev.ratchet.sandbox.CommandVerdict;
import dev.ratchet.testkit.FakeGate;
import dev.ratchet.testkit.Faults;
import dev.ratchet.testkit.ScriptedModelClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLoopTest {
  static final String LIB = "pub fn answer() -> i32 {\n    41\n}\n";

  static final String FIX = """
      The answer is off by one; here is the fix:
      ```diff
      --- a/src/lib.rs
      +++ b/src/lib.rs
      @@ -1,3 +1,3 @@
       pub fn answer() -> i32 {
      -    41
      +    42
       }
      ```
      """;

  static final String BREAK = """
      src/lib.rs
      <<<<<<< SEARCH
          41
      =======
          40
      >>>>>>> REPLACE
      """;

  @TempDir Path dir;
  final List<LoopEvent> events = new ArrayList<>();

  GitWorkspace workspace() {
    Path repo = TestRepos.create(dir.resolve("repo"), Map.of("src/lib.rs", LIB));
    return GitWorkspace.builder(repo).runId("t").open();
  }

  /** Passes when lib.rs returns 42; fails with the distance otherwise. */
  static FakeGate answerGate() {
    return FakeGate.of("test", ctx -> {
      String text = ctx.workspace().read("src/lib.rs").orElse("");
      if (text.contains("42")) {
        return GateResult.of("test", GateStatus.PASS, "ok");
      }
      int failing = text.contains("41") ? 1 : 2;
      return new GateResult("test", GateStatus.FAIL, List.of(),
          java.util.stream.IntStream.range(0, failing).mapToObj(k -> new dev.ratchet.gate.TestOutcome(
              "tests::answer_" + k, dev.ratchet.gate.TestOutcome.Status.FAILED, "wrong", Duration.ZERO))
              .toList(), Map.of(), failing + " tests fail", "", Duration.ZERO);
    });
  }

  AgentLoop.Builder loop(GitWorkspace ws, ScriptedModelClient model) {
    return AgentLoop.builder().model(model).workspace(ws).gate(answerGate())
        .listener(dev.ratchet.loop.LoopListener.of(events::add)).sleeper(d -> { });
  }

  @Test
  void run_acceptsAndFastForwards_whenGatesPassAfterEdit() throws Exception {
    try (GitWorkspace ws = workspace()) {
      ScriptedModelClient model = ScriptedModelClient.inOrder(ModelReply.of(Edit.patch(FIX)));

      LoopResult result = loop(ws, model).build().run(Task.of("fix", "make answer() return 42"));

      assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.ACCEPTED);
      assertThat(result.iterations()).hasSize(1);
      assertThat(result.diff()).contains("+    42");
      assertThat(Files.readString(dir.resolve("repo/src/lib.rs"))).contains("42");
      assertThat(model.requests().get(0).feedback()).contains("test: FAIL", "1 tests fail");
      assertThat(events).first().isInstanceOf(LoopEvent.RunStarted.class);
      assertThat(events).last().isInstanceOf(LoopEvent.LoopFinished.class);
      assertThat(events).filteredOn(e -> e instanceof LoopEvent.GateFinished g && g.iteration() == 0)
          .hasSize(1);
    }
  }

  @Test
  void run_givesListenersWholeLogs_butKeepsThemCutInTheHistory() throws Exception {
    String log = "start of the log\n" + "x".repeat(300_000) + "\nerror: the end of the log\n";
    FakeGate noisy = FakeGate.of("test", ctx -> new GateResult("test", GateStatus.FAIL,
        List.of(), List.of(), Map.of(), "fails", log, Duration.ZERO));
    try (GitWorkspace ws = workspace()) {
      LoopResult result = AgentLoop.builder().model(ScriptedModelClient.inOrder(
              ModelReply.of(Edit.patch(FIX))))
          .workspace(ws).gate(noisy).listener(dev.ratchet.loop.LoopListener.of(events::add))
          .budget(dev.ratchet.policy.Budget.defaults().withMaxIterations(1)).build()
          .run(Task.of("fix", "make answer() return 42"));

      String kept = result.iterations().get(0).gates().get(0).log();
      assertThat(kept.length()).isLessThan(AgentLoop.KEPT_LOG_CHARS + 100);
      assertThat(kept).startsWith("start of the log").endsWith("error: the end of the log\n")
          .contains("characters of the log left out");
      assertThat(events).filteredOn(LoopEvent.GateFinished.class::isInstance)
          .allSatisfy(e -> assertThat(((LoopEvent.GateFinished) e).result().log()).isEqualTo(log));
    }
  }

  @Test
  void run_rollsBackWorseIteration_andKeepsUserBranch() throws Exception {
    try (GitWorkspace ws = workspace()) {
      ScriptedModelClient model = ScriptedModelClient.inOrder(
          ModelReply.of(Edit.patch(BREAK)), ModelReply.of(Edit.patch(FIX)));

      LoopResult result = loop(ws, model).build().run(Task.of("fix", "make answer() return 42"));

      assertThat(result.decisions().get(0)).isInstanceOf(Decision.RollbackAndContinue.class);
      assertThat(result.accepted()).isTrue();
      assertThat(model.requests().get(1).feedback()).contains("Rolled back", "got worse");
      assertThat(events).anyMatch(e -> e instanceof LoopEvent.RolledBack r
          && r.to().equals(ws.base()));
    }
  }

  @Test
  void run_feedsRejectionBack_andStopsAtIterationBudget() throws Exception {
    try (GitWorkspace ws = workspace()) {
      String wrong = FIX.replace(" pub fn answer", " pub fn question");
      ScriptedModelClient model = ScriptedModelClient.inOrder(
          ModelReply.of(Edit.patch(wrong)), ModelReply.of(Edit.patch(wrong.replace("41", "411"))));

      LoopResult result = loop(ws, model).budget(Budget.defaults().withMaxIterations(2)).build()
          .run(Task.of("fix", "make answer() return 42"));

      assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.STOPPED);
      assertThat(result.reason()).contains("limit of 2 iterations");
      assertThat(result.iterations().get(0).outcomes().get(0).status())
          .isEqualTo(ActionOutcome.Status.REJECTED);
      assertThat(model.requests().get(1).feedback()).contains("does not match", "src/lib.rs");
      assertThat(Files.readString(dir.resolve("repo/src/lib.rs"))).contains("41");
      assertThat(result.diff()).isEmpty();
    }
  }

  @Test
  void run_stopsBeforeCall_whenTokenBudgetIsSpent() throws Exception {
    try (GitWorkspace ws = workspace()) {
      ModelReply costly = ModelReply.of("nothing yet", List.of(), new TokenUsage(600, 500));
      ScriptedModelClient model = ScriptedModelClient.inOrder(costly, costly, costly);

      LoopResult result = loop(ws, model).budget(Budget.defaults().withMaxTokens(1000)).build()
          .run(Task.of("fix", "x"));

      assertThat(model.requests()).hasSize(1);
      assertThat(result.reason()).contains("spent 1100 tokens");
    }
  }

  @Test
  void run_retriesTimeouts_thenFailsCleanly() throws Exception {
    try (GitWorkspace ws = workspace()) {
      List<Duration> waits = new ArrayList<>();
      ScriptedModelClient script = ScriptedModelClient.inOrder(ModelReply.of(Edit.patch(FIX)));
      var flaky = Faults.timeout(script, 1);

      LoopResult ok = AgentLoop.builder().model(flaky).workspace(ws).gate(answerGate())
          .sleeper(waits::add).modelRetries(2, Duration.ofMillis(100)).build()
          .run(Task.of("fix", "x"));

      assertThat(ok.accepted()).isTrue();
      assertThat(waits).singleElement().satisfies(d -> assertThat(d)
          .isBetween(Duration.ofMillis(100), Duration.ofMillis(125)));
    }
    try (GitWorkspace ws = GitWorkspace.builder(dir.resolve("repo")).runId("t2").open()) {
      LoopResult failed = AgentLoop.builder()
          .model(r -> { throw new RetriableException("model call timed out after 300 s"); })
          .workspace(ws).sleeper(d -> { }).modelRetries(1, Duration.ofMillis(1)).build()
          .run(Task.of("fix", "x"));

      assertThat(failed.outcome()).isEqualTo(LoopResult.Outcome.FAILED);
      assertThat(failed.reason()).contains("timed out", "after 2 attempts");
    }
  }

  @Test
  void run_doesNotApplyEdits_ofTruncatedReply() throws Exception {
    try (GitWorkspace ws = workspace()) {
      ScriptedModelClient script = ScriptedModelClient.inOrder(ModelReply.of(Edit.patch(FIX)),
          ModelReply.of(Edit.patch(FIX)));
      LoopResult result = AgentLoop.builder().model(Faults.truncatedReply(script, 1))
          .workspace(ws).gate(answerGate()).build().run(Task.of("fix", "x"));

      assertThat(result.iterations().get(0).changedTree()).isFalse();
      assertThat(result.iterations().get(0).outcomes().get(0).feedback()).contains("cut off");
      assertThat(result.accepted()).isTrue();
    }
  }

  @Test
  void run_answersReadsAndRefusesUnsafeCommands() throws Exception {
    try (GitWorkspace ws = workspace()) {
      ScriptedModelClient model = ScriptedModelClient.inOrder(
          ModelReply.of(ReadFile.of("src/lib.rs"), ReadFile.of("../../etc/passwd"),
              RunCommand.of("rm", "-rf", "/"), RunCommand.of("cargo", "test"),
              new Finish("looked around")),
          ModelReply.of(Edit.patch(FIX)));

      LoopResult result = loop(ws, model)
          .commandPolicy(argv -> argv.get(0).equals("cargo") ? CommandVerdict.allow()
              : CommandVerdict.deny(argv.get(0) + " is not allowed; use cargo"))
          .build().run(Task.of("fix", "x"));

      List<ActionOutcome> outcomes = result.iterations().get(0).outcomes();
      assertThat(outcomes.get(0).feedback()).contains("    1 | pub fn answer() -> i32 {");
      assertThat(outcomes.get(1).status()).isEqualTo(ActionOutcome.Status.FAILED);
      assertThat(outcomes.get(2).status()).isEqualTo(ActionOutcome.Status.REFUSED);
      assertThat(outcomes.get(2).feedback()).contains("rm is not allowed; use cargo");
      assertThat(outcomes.get(3).status()).isEqualTo(ActionOutcome.Status.FAILED);
      assertThat(outcomes.get(3).feedback()).contains("no sandbox");
      assertThat(outcomes.get(4).status()).isEqualTo(ActionOutcome.Status.FINISHED);
      assertThat(result.accepted()).isTrue();
    }
  }

  @Test
  void stuckPolicy_stopsOnRepeatedEdit() throws Exception {
    try (GitWorkspace ws = workspace()) {
      String wrong = FIX.replace("-    41", "-    99");
      ModelReply same = ModelReply.of(Edit.patch(wrong));
      ScriptedModelClient model = ScriptedModelClient.inOrder(same, same, same, same);

      LoopResult result = loop(ws, model).policy(Policies.all(Policies.maxIterations(10),
          Policies.stuck(3))).build().run(Task.of("fix", "x"));

      assertThat(result.reason()).contains("stuck");
      assertThat(model.requests()).hasSize(3);
    }
  }

  @Test
  void wallTimeBudget_isCheckedOnInjectedClock() throws Exception {
    try (GitWorkspace ws = workspace()) {
      MutableClock clock = new MutableClock();
      ScriptedModelClient model = ScriptedModelClient.inOrder(
          ModelReply.of("thinking", List.of(), TokenUsage.ZERO),
          ModelReply.of("thinking", List.of(), TokenUsage.ZERO));
      AgentLoop loop = AgentLoop.builder().workspace(ws).gate(answerGate())
          .model(r -> {
            clock.advance(Duration.ofMinutes(40));
            return model.reply(r);
          })
          .clock(clock).budget(Budget.defaults().withMaxWallTime(Duration.ofHours(1))).build();

      LoopResult result = loop.run(Task.of("fix", "x"));

      assertThat(model.requests()).hasSize(2);
      assertThat(result.reason()).contains("ran for 4800 s");
    }
  }

  static final class MutableClock extends java.time.Clock {
    private java.time.Instant now = java.time.Instant.parse("2026-12-04T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }
}
