package dev.ratchet.eval.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.eval.EvalDocker;
import dev.ratchet.eval.InstanceResult;
import dev.ratchet.eval.repo.RepoInstanceRunner;
import dev.ratchet.eval.repo.Solver;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.testkit.ScriptedModelClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The task runner with a model in the loop, for real in the Docker sandbox. The multimodal task
 * gives a vision model its picture and a scripted answer is graded by the hidden checks; a model
 * that reads text only gets "not applicable" without a run. (The reference runs over the whole
 * pack, gold passing every task and empty none, are {@code ratchet eval --suite tasks} in the
 * CLI's EvalCommandIT.)
 */
class TaskRunnerIT {

  private static final String MULTIMODAL = "10-ci-screenshot";
  private static final TaskPack PACK = TaskPack.bundled();
  private static DockerSandbox docker;
  private static TaskRunner runner;

  @BeforeAll
  static void open() {
    docker = EvalDocker.sandbox();
    CargoEnvironment environment = EvalDocker.environment("ratchet-tasks-it-cache");
    runner = TaskRunner.create(docker, environment,
        RepoInstanceRunner.builder(docker, environment).build());
  }

  @AfterAll
  static void close() {
    if (docker != null) {
      docker.close();
    }
  }

  @Test
  void visionModel_getsTheScreenshot_andItsFixIsGradedByTheHiddenChecks() {
    ScriptedModelClient model = ScriptedModelClient.inOrder(ModelReply.of(
        "The screenshot shows 250ms read as minutes: units are now matched exactly.",
        List.of(Edit.patch(PACK.goldPatch(MULTIMODAL))), TokenUsage.ZERO));

    InstanceResult r = runner.run(PACK, MULTIMODAL, Solver.model("seer", () -> model, true));

    assertThat(r.resolved()).as(r.reason()).isTrue();
    assertThat(r.notApplicable()).isFalse();
    assertThat(r.suite()).isEqualTo(TaskRunner.MULTIMODAL_SUITE);
    assertThat(new dev.ratchet.eval.rank.RankOptions(Map.of(), Set.of())
        .isMultimodal(r.suite())).as("ranked in the multimodal dimension").isTrue();
    assertThat(r.iterations()).isEqualTo(1);
    assertThat(r.reason()).startsWith("passed: fmt, build, clippy, test");
    assertThat(r.explanation()).isEqualTo(
        "The screenshot shows 250ms read as minutes: units are now matched exactly.");
    assertThat(r.failToPass()).extracting(TestOutcome::name)
        .contains("ci::milliseconds_are_not_minutes");
    assertThat(model.requests()).first().satisfies(request -> {
      assertThat(request.attachments()).containsExactlyElementsOf(PACK.attachments(PACK.task(MULTIMODAL)));
      assertThat(request.task().prompt()).isEqualTo(PACK.prompt(MULTIMODAL));
    });
  }

  @Test
  void visionModel_thatChangesNothingUseful_failsTheHiddenCheck_withTheFailingTestNamed() {
    ScriptedModelClient model = ScriptedModelClient.inOrder(ModelReply.of(Edit.patch(
        "--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -1 +1,2 @@\n //! Human-readable durations for"
            + " configuration files: `\"1h30m\"`, `\"45s\"`, `\"250ms\"`, `\"2d\"`.\n+//!\n")));

    InstanceResult r = runner.run(PACK, MULTIMODAL, Solver.model("seer", () -> model, true));

    assertThat(r.resolved()).isFalse();
    assertThat(r.reason()).startsWith("not passed: test:");
    assertThat(r.failToPass()).filteredOn(t -> t.status() == TestOutcome.Status.FAILED)
        .extracting(TestOutcome::name).contains("ci::milliseconds_are_not_minutes");
  }

  @Test
  void theLoopJudgesTheModelByTheTasksGates_soAnUnformattedFixIsRolledBackBeforeGrading() {
    String unformatted = PACK.goldPatch(MULTIMODAL).replace("+        \"ms\" => 1,",
        "+        \"ms\"=>1,");
    ScriptedModelClient model = ScriptedModelClient.inOrder(
        ModelReply.of(Edit.patch(unformatted)),
        ModelReply.of(Edit.patch(PACK.goldPatch(MULTIMODAL))));

    InstanceResult r = runner.run(PACK, MULTIMODAL, Solver.model("seer", () -> model, true));

    assertThat(unformatted).isNotEqualTo(PACK.goldPatch(MULTIMODAL));
    assertThat(r.resolved()).as(r.reason()).isTrue();
    assertThat(r.iterations()).isEqualTo(2);
    assertThat(model.requests().get(1).feedback()).contains("fmt");
  }

  @Test
  void textOnlyModel_isNotApplicable_andNeverRuns() {
    ScriptedModelClient model = ScriptedModelClient.inOrder();

    InstanceResult r = runner.run(PACK, MULTIMODAL, Solver.model("texty", () -> model));

    assertThat(r.notApplicable()).isTrue();
    assertThat(r.resolved()).isFalse();
    assertThat(r.reason()).startsWith("not applicable:").contains("ci.png");
    assertThat(model.requests()).isEmpty();
  }
}
