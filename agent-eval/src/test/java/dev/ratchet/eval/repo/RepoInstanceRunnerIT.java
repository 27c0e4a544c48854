package dev.ratchet.eval.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.eval.EvalDocker;
import dev.ratchet.action.Edit;
import dev.ratchet.eval.InstanceResult;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.model.ModelReply;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.testkit.ScriptedModelClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder-format tasks run for real: private clones, the loop with its default gates, and the
 * named tests with real cargo in the Docker sandbox. Without Docker the tests are skipped, except
 * under CI, where they fail.
 */
class RepoInstanceRunnerIT {

  private static DockerSandbox docker;
  private static CargoEnvironment environment;

  @TempDir Path tmp;

  @BeforeAll
  static void sandbox() {
    environment = EvalDocker.environment("ratchet-eval-repo-it-cache");
    docker = EvalDocker.sandbox();
  }

  @AfterAll
  static void close() {
    if (docker != null) {
      docker.close();
    }
  }

  @Test
  void gold_resolves_withTheNewTestAndTheOldOnesPassing() {
    InstanceResult r = runner().run(RepoFixtures.task("word-count-whitespace"), Solver.gold());

    assertThat(r.resolved()).as(r.reason()).isTrue();
    assertThat(r.failToPass()).extracting(TestOutcome::status)
        .containsOnly(TestOutcome.Status.PASSED);
    assertThat(r.passToPass()).hasSize(4).extracting(TestOutcome::status)
        .containsOnly(TestOutcome.Status.PASSED);
    assertThat(r.gateMillis()).isPositive();
  }

  @Test
  void empty_isUnresolved_withTheFailToPassTestFailingOnItsAssertion() {
    InstanceResult r = runner().run(RepoFixtures.task("word-count-whitespace"), Solver.empty());

    assertThat(r.resolved()).isFalse();
    assertThat(r.failToPass()).singleElement().satisfies(t -> {
      assertThat(t.status()).isEqualTo(TestOutcome.Status.FAILED);
      assertThat(t.message()).contains("left: 2", "right: 4");
    });
    assertThat(r.passToPass()).extracting(TestOutcome::status)
        .containsOnly(TestOutcome.Status.PASSED);
  }

  @Test
  void aTestPatchThatDoesNotCompile_failsEveryFailToPassTest_withTheCompilerError() {
    InstanceResult r = runner().run(RepoFixtures.task("line-count"), Solver.empty());

    assertThat(r.resolved()).isFalse();
    assertThat(r.reason()).contains("the tests do not compile with the test patch applied",
        "E0432");
    assertThat(r.failToPass()).hasSize(2).allSatisfy(t -> {
      assertThat(t.status()).isEqualTo(TestOutcome.Status.FAILED);
      assertThat(t.message()).contains("do not compile", "line_count");
    });
  }

  @Test
  void gold_resolvesTheTaskWhoseTestsOnlyCompileWithTheFix() {
    InstanceResult r = runner().run(RepoFixtures.task("line-count"), Solver.gold());

    assertThat(r.resolved()).as(r.reason()).isTrue();
  }

  @Test
  void scriptedModel_sendingTheFix_resolvesInOneIteration_throughTheDefaultLoopGates() {
    RepoInstance task = RepoFixtures.task("word-count-whitespace");
    ScriptedModelClient model = ScriptedModelClient.inOrder(
        ModelReply.of(Edit.patch(task.fixPatch())));

    InstanceResult r = runner().run(task, Solver.model("scripted", () -> model));

    assertThat(r.resolved()).as(r.reason()).isTrue();
    assertThat(r.iterations()).isEqualTo(1);
    assertThat(r.reason()).endsWith("the loop accepted after 1 iteration");
    assertThat(r.patch()).contains("+    text.split_whitespace().count()");
    assertThat(r.gateMillis()).isPositive();
  }

  private RepoInstanceRunner runner() {
    return RepoInstanceRunner.builder(docker, environment).workDir(tmp).build();
  }
}
