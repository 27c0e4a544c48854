package dev.ratchet.engine;

import dev.ratchet.gate.GateResult;
import dev.ratchet.loop.Iteration;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.policy.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where a crashed run stood: what a transcript recorded up to the last decided iteration.
 *
 * @param baseline the baseline gate results
 * @param iterations the decided iterations
 * @param decisions their decisions
 * @param tokens tokens spent
 * @param elapsed wall time spent
 */
public record ResumePoint(
    List<GateResult> baseline,
    List<Iteration> iterations,
    List<Decision> decisions,
    TokenUsage tokens,
    Duration elapsed) {
  /** Validates and copies. */
  public ResumePoint {
    baseline = List.copyOf(baseline);
    iterations = List.copyOf(iterations);
    decisions = List.copyOf(decisions);
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(elapsed, "elapsed");
    if (iterations.size() != decisions.size()) {
      throw new IllegalArgumentException("every iteration needs its decision");
    }
  }
}
