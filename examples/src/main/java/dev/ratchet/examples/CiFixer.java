package dev.ratchet.examples;

import dev.ratchet.engine.AgentLoop;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateResult;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelClient;
import dev.ratchet.policy.Budget;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustGates;
import dev.ratchet.rust.RustImage;
import dev.ratchet.rust.SuggestionProposer;
import dev.ratchet.sandbox.docker.DockerSandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Example 4: embedding. A small "CI fixer" service another application calls: given a repository
 * and the gate that fails in CI, it returns a proposed diff that the gate (and the tests) passed
 * on, or nothing. The caller's branch and files are never changed: the loop works on a scratch
 * branch, and the diff is for the caller to review, apply or open as a pull request.
 *
 * <pre>{@code
 * try (CiFixer fixer = CiFixer.withCompilerSuggestions()) {
 *   fixer.fix(Path.of("checkout"), "clippy").ifPresent(fix -> openPullRequest(fix.diff()));
 * }
 * }</pre>
 *
 * One instance holds one Docker client and is safe to reuse for many repositories, one at a time.
 */
public final class CiFixer implements AutoCloseable {

  /**
   * A verified fix.
   *
   * @param diff the change, a unified diff against the repository's HEAD
   * @param iterations loop iterations it took
   * @param verification the last judgement of the fixed tree: every gate passed
   * @param branch the scratch branch in the repository that holds the fix as commits
   */
  public record Fix(String diff, int iterations, List<GateResult> verification, String branch) {}

  private final Optional<Supplier<ModelClient>> model;
  private final CargoEnvironment environment;
  private final DockerSandbox docker;
  private final int maxIterations;

  private CiFixer(Optional<Supplier<ModelClient>> model, int maxIterations) {
    this.model = model;
    this.maxIterations = maxIterations;
    this.environment = CargoEnvironment.builder().build();
    this.docker = DockerSandbox.builder(RustImage.ensure(line -> { })).build();
  }

  /** A fixer that applies the compiler's and Clippy's machine-applicable suggestions. */
  public static CiFixer withCompilerSuggestions() {
    return new CiFixer(Optional.empty(), 20);
  }

  /** A fixer driven by a model; {@code model} makes a fresh client per call to {@link #fix}. */
  public static CiFixer withModel(Supplier<ModelClient> model) {
    return new CiFixer(Optional.of(Objects.requireNonNull(model, "model")), 10);
  }

  /**
   * A fix for {@code failingGate} ({@code fmt}, {@code build}, {@code clippy}, {@code doc},
   * {@code test}...) in the git repository {@code repo}, verified by that gate and the tests;
   * empty when none was found within the budget.
   */
  public Optional<Fix> fix(Path repo, String failingGate) {
    RustGates rust = RustGates.with(environment);
    List<Gate> gates = new ArrayList<>(List.of(rust.named(failingGate)));
    if (!failingGate.equals("test")) {
      gates.add(rust.test());  // a fix must not break the tests
    }
    try (GitWorkspace ws = GitWorkspace.builder(repo)
            .onAccept(GitWorkspace.OnAccept.BRANCH).open();
        DockerSandbox.Session sandbox = docker.openSession(environment.mounts(ws.root()),
            environment.limits())) {
      ModelClient client = model.map(Supplier::get).orElseGet(() -> SuggestionProposer.create(
          failingGate.equals("build") ? rust.build() : rust.clippy(), ws, sandbox,
          SuggestionProposer.Pace.ALL_AT_ONCE));
      LoopResult result = AgentLoop.builder()
          .model(client)
          .workspace(ws)
          .gates(gates)
          .sandbox(sandbox)
          .commandEnvironment(environment)
          .budget(Budget.defaults().withMaxIterations(maxIterations))
          .build()
          .run(Task.of("ci-fix-" + failingGate, "CI fails at the " + failingGate
              + " gate. Change the code so that it passes and the tests still pass."));
      if (!result.accepted() || result.diff().isBlank()) {
        return Optional.empty();
      }
      Iteration last = result.iterations().get(result.iterations().size() - 1);
      return Optional.of(new Fix(result.diff(), result.iterations().size(), last.gates(),
          ws.branch()));
    }
  }

  @Override
  public void close() {
    docker.close();
  }
}
