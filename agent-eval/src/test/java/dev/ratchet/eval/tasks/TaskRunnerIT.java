package dev.ratchet.eval.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.eval.EvalDocker;
import dev.ratchet.eval.InstanceResult;
import dev.ratchet.eval.repo.RepoInstanceRunner;
import dev.ratchet.eval.repo.Solver;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.sandbox.docker.DockerSandbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The task pack as {@code ratchet eval --suite tasks} runs it: the reference solutions pass every
 * task (Miri noted as unavailable where it is missing), and an empty answer passes none.
 */
class TaskRunnerIT {

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

  private static List<InstanceResult> runAll(Solver solver) {
    TaskPack pack = TaskPack.bundled();
    List<InstanceResult> results = new ArrayList<>();
    for (String id : pack.ids()) {
      InstanceResult r = runner.run(pack, id, solver);
      System.err.println("[tasks] " + solver.name() + " " + id + ": " + r.reason());
      results.add(r);
    }
    return results;
  }

  @Test
  void gold_passesEveryTask_andEmpty_passesNone() {
    List<InstanceResult> gold = runAll(Solver.gold());
    List<InstanceResult> empty = runAll(Solver.empty());

    assertThat(gold).isNotEmpty().allSatisfy(r -> assertThat(r.resolved())
        .as(r.instance() + ": " + r.reason()).isTrue());
    assertThat(empty).allSatisfy(r -> {
      assertThat(r.resolved()).as(r.instance()).isFalse();
      assertThat(r.reason()).startsWith("not passed: ");
    });
    assertThat(gold).filteredOn(r -> r.instance().contains("ring-buffer")).singleElement()
        .satisfies(r -> assertThat(r.reason()).containsAnyOf("miri unavailable", "miri"));
  }
}
