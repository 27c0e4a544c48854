package dev.ratchet.eval.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.eval.EvalDocker;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustGates;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.testkit.GitRepos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled task, graded for real in the Docker sandbox: the starting crate with the hidden
 * checks fails a grading gate (the task is not solved already), and the crate with the gold patch
 * and the hidden checks passes them all (Miri may be UNAVAILABLE here; that is printed). The cargo
 * caches live under the system temporary directory, so reruns are warm. Without Docker the test
 * is skipped, except under CI, where it fails.
 */
class TaskPackIT {

  private static final TaskPack PACK = TaskPack.bundled();
  private static CargoEnvironment environment;
  private static DockerSandbox docker;
  private static RustGates rust;

  @TempDir Path tmp;

  static List<String> ids() {
    return PACK.ids();
  }

  @BeforeAll
  static void sandbox() {
    docker = EvalDocker.sandbox();
    Runtime.getRuntime().addShutdownHook(new Thread(docker::close));
    environment = EvalDocker.environment("ratchet-tasks-it-cache");
    rust = RustGates.with(environment);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void startingCrate_failsAGradingGate(String id) {
    Task task = PACK.task(id);
    Path crate = PACK.extractCrate(id, tmp.resolve(id));
    PACK.addHiddenChecks(id, crate);
    GitRepos.commitAll(crate, "start + hidden checks");

    List<GateResult> results = judge(task, crate, true);

    assertThat(results).as(id + " is solved already: " + results)
        .anySatisfy(r -> assertThat(r.status()).isEqualTo(GateStatus.FAIL));
    assertThat(results).noneSatisfy(r -> assertThat(r.status()).isEqualTo(GateStatus.ERROR));
  }

  @ParameterizedTest
  @MethodSource("ids")
  void goldPatch_passesEveryGradingGate(String id) {
    Task task = PACK.task(id);
    Path crate = PACK.extractCrate(id, tmp.resolve(id));
    GitRepos.commitAll(crate, "start");
    TaskFixtures.applyGold(PACK, id, crate);
    PACK.addHiddenChecks(id, crate);
    GitRepos.commitAll(crate, "gold + hidden checks");

    List<String> hiddenTargets = hiddenTestTargets(id);
    for (GateResult r : judge(task, crate, false)) {
      if (r.gate().equals("miri") && r.status() == GateStatus.UNAVAILABLE) {
        continue;
      }
      assertThat(r.status()).as(id + " " + r.gate() + ": " + r.summary())
          .isEqualTo(GateStatus.PASS);
      if (r.gate().equals("test")) {
        assertThat(r.tests()).as(id + ": the hidden checks ran")
            .anySatisfy(t -> assertThat(hiddenTargets).anySatisfy(
                target -> assertThat(t.name()).startsWith(target + "::")));
      }
    }
  }

  /** The names of the hidden integration-test targets ({@code hidden/tests/NAME.rs}). */
  private List<String> hiddenTestTargets(String id) {
    Path all = PACK.extract(id, tmp.resolve("folder-" + id));
    try (Stream<Path> files = Files.list(all.resolve("hidden/tests"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rs"))
          .map(n -> n.substring(0, n.length() - 3)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Judges the task's gates in order, printing each time; stops at the first FAIL if asked. */
  private static List<GateResult> judge(Task task, Path crate, boolean stopAtFailure) {
    List<GateResult> results = new ArrayList<>();
    try (GitWorkspace ws = GitWorkspace.builder(crate).open()) {
      for (String name : task.gates()) {
        Gate gate = name.equals("loom")
            ? rust.loom(task.loomFilter(), Map.of("LOOM_MAX_PREEMPTIONS", "2"))
            : rust.named(name);
        long start = System.nanoTime();
        GateResult r = gate.run(new GateContext(ws, docker, 1));
        System.out.printf("[tasks-it] %s %s %s: %s in %.1f s (gate %d ms)%n", task.id(),
            stopAtFailure ? "start" : "gold", name, r.status(),
            (System.nanoTime() - start) / 1e9, r.duration().toMillis());
        if (r.status() == GateStatus.UNAVAILABLE) {
          System.out.printf("[tasks-it] %s %s UNAVAILABLE: %s%n", task.id(), name,
              r.summary().lines().findFirst().orElse(""));
        }
        results.add(r);
        if (stopAtFailure && r.status().blocks()) {
          break;
        }
      }
    }
    return results;
  }
}
