package dev.ratchet.gate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a gate found.
 *
 * @param gate the gate's name
 * @param status the verdict
 * @param diagnostics compiler or lint findings, most important first
 * @param tests per-test outcomes, when the gate ran tests
 * @param metrics named numbers, such as benchmark estimates in nanoseconds
 * @param summary a short account written for a model, within a character budget
 * @param log the raw output, capped
 * @param duration how long the gate took
 */
public record GateResult(
    String gate,
    GateStatus status,
    List<Diagnostic> diagnostics,
    List<TestOutcome> tests,
    Map<String, Double> metrics,
    String summary,
    String log,
    Duration duration) {

  /** Validates and copies. */
  public GateResult {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(status, "status");
    diagnostics = List.copyOf(diagnostics);
    tests = List.copyOf(tests);
    metrics = Map.copyOf(metrics);
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(duration, "duration");
  }

  /** A bare result with a status and a summary. */
  public static GateResult of(String gate, GateStatus status, String summary) {
    return new GateResult(gate, status, List.of(), List.of(), Map.of(), summary, "", Duration.ZERO);
  }

  /** Whether the gate passed. */
  public boolean passed() {
    return status == GateStatus.PASS;
  }

  /** The tests that failed. */
  public List<TestOutcome> failedTests() {
    return tests.stream().filter(t -> t.status() == TestOutcome.Status.FAILED).toList();
  }

  /**
   * A copy whose log keeps at most about {@code maxChars} characters: the first quarter and the
   * last three quarters of that budget (a log's end is where failures are), joined by a line that
   * says how much was left out. This result itself when the log is short enough.
   */
  public GateResult withLogAtMost(int maxChars) {
    if (maxChars < 64) {
      throw new IllegalArgumentException("keep at least 64 characters of a log, not " + maxChars);
    }
    if (log.length() <= maxChars) {
      return this;
    }
    int head = maxChars / 4;
    int tail = maxChars - head;
    String kept = log.substring(0, head) + "\n… " + (log.length() - head - tail)
        + " characters of the log left out …\n" + log.substring(log.length() - tail);
    return new GateResult(gate, status, diagnostics, tests, metrics, summary, kept, duration);
  }

  /** A copy with another duration (gate pipelines time gates from outside). */
  public GateResult withDuration(Duration newDuration) {
    return new GateResult(gate, status, diagnostics, tests, metrics, summary, log, newDuration);
  }
}
