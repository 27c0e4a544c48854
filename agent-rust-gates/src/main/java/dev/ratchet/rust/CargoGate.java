package dev.ratchet.rust;

import dev.ratchet.RatchetException;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.workspace.Workspace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What every cargo gate shares: manifests checked on the host before anything builds,
 * dependencies fetched once, results memoised by git tree (the same tree is never judged twice),
 * limits reported apart from failures, and an unavailable sandbox reported as an error rather
 * than as a verdict on the code.
 */
abstract class CargoGate implements Gate {

  /** How many judged trees a gate remembers. */
  private static final int MEMO_SIZE = 64;

  private final String name;
  final CargoEnvironment environment;
  final Limits limits;
  final ManifestPolicy manifests;
  private final Map<String, GateResult> memo = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, GateResult> eldest) {
      return size() > MEMO_SIZE;
    }
  };

  CargoGate(String name, CargoEnvironment environment, Limits limits, ManifestPolicy manifests) {
    this.name = Objects.requireNonNull(name, "name");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.manifests = Objects.requireNonNull(manifests, "manifests");
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final GateResult run(GateContext context) {
    Workspace workspace = context.workspace();
    String tree = workspace.treeId(workspace.head());
    synchronized (memo) {
      GateResult known = memo.get(tree);
      if (known != null) {
        return known;
      }
    }
    long start = System.nanoTime();
    GateResult result;
    try {
      Path root = workspace.root();
      List<String> violations = manifests.check(root);
      if (!violations.isEmpty()) {
        result = GateResult.of(name, GateStatus.FAIL, "The manifests were refused before any"
            + " build (nothing ran):\n- " + String.join("\n- ", violations));
      } else {
        environment.fetch(root);
        result = judge(context);
      }
    } catch (RatchetException e) {
      // A failed fetch or a missing toolchain: the environment, not the code.
      return GateResult.of(name, GateStatus.ERROR, e.getMessage());
    }
    result = result.withDuration(Duration.ofNanos(System.nanoTime() - start));
    synchronized (memo) {
      memo.put(tree, result);
    }
    return result;
  }

  /** Runs the gate's commands on the workspace (manifests checked, dependencies fetched). */
  abstract GateResult judge(GateContext context);

  /** Runs {@code cargo args...} in the sandbox with this gate's limits. */
  ExecResult cargo(GateContext context, CargoEnvironment.Channel channel, List<String> args,
      Map<String, String> env) {
    return context.sandbox().exec(environment.cargo(context.workspace().root(), channel, args,
        env, limits));
  }

  /**
   * The line that says a limit stopped the command, distinct from "the code is wrong"; empty when
   * no limit was hit (the output cap alone does not count).
   */
  static String limitLine(String what, ExecResult r, Limits limits) {
    List<String> hit = r.limitsHit().stream()
        .filter(l -> l != ExecResult.Limit.OUTPUT)
        .map(limits::describe)
        .toList();
    return hit.isEmpty() ? "" : what + " was stopped by " + hit.stream()
        .collect(Collectors.joining(" and ")) + ": it did not finish, so nothing after that point"
        + " was judged. Make it use less, or raise the limit.";
  }

  /** The raw log kept in a result: both streams, each already capped by the sandbox. */
  static String log(ExecResult r) {
    return r.stderr().isEmpty() ? r.stdout() : r.stdout() + "\n--- stderr ---\n" + r.stderr();
  }
}
