package dev.ratchet.engine;

import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import java.util.List;

/**
 * How good a tree is by its gate results, so that the ratchet can tell better from worse: more
 * gates passed in pipeline order first, then fewer failing tests, fewer errors, fewer warnings.
 *
 * @param gatesPassed gates passed (or not applicable) before the first blocking one
 * @param failedTests tests that failed
 * @param errors error diagnostics
 * @param warnings warning diagnostics
 */
public record GateScore(int gatesPassed, int failedTests, int errors, int warnings)
    implements Comparable<GateScore> {

  /** Scores a pipeline's results. */
  public static GateScore of(List<GateResult> results) {
    int passed = 0;
    for (GateResult r : results) {
      if (r.status().blocks() || r.status() == GateStatus.SKIPPED) {
        break;
      }
      passed++;
    }
    int failed = 0;
    int errors = 0;
    int warnings = 0;
    for (GateResult r : results) {
      failed += r.failedTests().size();
      for (Diagnostic d : r.diagnostics()) {
        if (d.level() == Diagnostic.Level.ERROR) {
          errors++;
        } else if (d.level() == Diagnostic.Level.WARNING) {
          warnings++;
        }
      }
    }
    return new GateScore(passed, failed, errors, warnings);
  }

  /** Higher is better. */
  @Override
  public int compareTo(GateScore o) {
    int c = Integer.compare(gatesPassed, o.gatesPassed);
    if (c == 0) {
      c = Integer.compare(o.failedTests, failedTests);
    }
    if (c == 0) {
      c = Integer.compare(o.errors, errors);
    }
    if (c == 0) {
      c = Integer.compare(o.warnings, warnings);
    }
    return c;
  }

  /** Whether this score is strictly worse than another. */
  public boolean worseThan(GateScore o) {
    return compareTo(o) < 0;
  }

  @Override
  public String toString() {
    return gatesPassed + " gates passed, " + failedTests + " failing tests, " + errors
        + " errors, " + warnings + " warnings";
  }
}
