package dev.ratchet.rust;

import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.workspace.Workspace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges only what a change introduced. Real crates often carry dozens of old warnings; this gate
 * compares each judgement with the base tree's (taken when the loop judges its starting point) and
 * fails on new diagnostics and newly failing tests only. What was already there is reported apart.
 *
 * <p>Diagnostics are matched by level, code, file and message, counted (two identical warnings
 * on the base and three now is one new), not by line: an edit above a warning moves it.
 */
final class DifferentialGate implements Gate {

  private final Gate inner;
  private final Map<String, GateResult> bases = new ConcurrentHashMap<>();

  DifferentialGate(Gate inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public GateResult run(GateContext context) {
    Workspace workspace = context.workspace();
    String baseTree = workspace.treeId(workspace.base());
    GateResult now = inner.run(context);
    if (now.status() == GateStatus.ERROR || now.status() == GateStatus.UNAVAILABLE
        || now.status() == GateStatus.SKIPPED) {
      return now;
    }
    if (workspace.treeId(workspace.head()).equals(baseTree)) {
      bases.put(baseTree, now);
      return compare(now, now, workspace);
    }
    GateResult base = bases.get(baseTree);
    if (base == null) {
      return new GateResult(now.gate(), now.status(), now.diagnostics(), now.tests(),
          now.metrics(), now.summary() + "\n(Judged as a whole: the base was never judged, so"
              + " nothing could be told apart as pre-existing. Let the loop judge its baseline.)",
          now.log(), now.duration());
    }
    return compare(base, now, workspace);
  }

  private GateResult compare(GateResult base, GateResult now, Workspace workspace) {
    List<Diagnostic> introduced = introduced(base.diagnostics(), now.diagnostics());
    Map<String, TestOutcome.Status> before = new HashMap<>();
    base.tests().forEach(t -> before.put(t.name(), t.status()));
    List<TestOutcome> newlyFailing = now.failedTests().stream()
        .filter(t -> before.get(t.name()) != TestOutcome.Status.FAILED).toList();
    int oldDiagnostics = now.diagnostics().size() - introduced.size();
    int oldFailures = now.failedTests().size() - newlyFailing.size();
    boolean unexplained = now.status() == GateStatus.FAIL && now.diagnostics().isEmpty()
        && now.failedTests().isEmpty()
        && !(base.status() == GateStatus.FAIL && base.summary().equals(now.summary()));
    boolean failed = !introduced.isEmpty() || !newlyFailing.isEmpty() || unexplained;
    String already = oldDiagnostics + oldFailures == 0 ? ""
        : "Already there on the base, not counted: " + oldDiagnostics + " diagnostic(s), "
            + oldFailures + " failing test(s).";
    String summary;
    if (unexplained) {
      summary = now.summary();
    } else if (!failed) {
      summary = name() + ": nothing new against the base. " + already;
    } else {
      summary = Summaries.render(name() + ": the change introduced " + introduced.size()
          + " diagnostic(s) and " + newlyFailing.size() + " newly failing test(s). " + already,
          introduced, newlyFailing, workspace);
    }
    return new GateResult(now.gate(), failed ? GateStatus.FAIL : GateStatus.PASS, introduced,
        now.tests(), now.metrics(), summary.strip(), now.log(), now.duration());
  }

  /** The diagnostics of {@code now} beyond the base's, counting repeats. */
  static List<Diagnostic> introduced(List<Diagnostic> base, List<Diagnostic> now) {
    Map<List<String>, Integer> budget = new HashMap<>();
    base.forEach(d -> budget.merge(key(d), 1, Integer::sum));
    List<Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : now) {
      List<String> k = key(d);
      int left = budget.getOrDefault(k, 0);
      if (left > 0) {
        budget.put(k, left - 1);
      } else {
        out.add(d);
      }
    }
    return out;
  }

  private static List<String> key(Diagnostic d) {
    return List.of(d.level().name(), d.code(), d.file(), d.message());
  }
}
