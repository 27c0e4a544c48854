package dev.ratchet.loop;

import dev.ratchet.gate.GateResult;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.policy.Decision;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy sees: the task, the gates on the starting tree, every iteration so far with the
 * decisions taken on them, and what was spent.
 *
 * <p>While a policy decides, {@link #current()} is the iteration being decided and has no entry in
 * {@link #decisions()} yet; before a model call every iteration has one.
 *
 * @param task the task
 * @param baseline gate results on the tree before any edit
 * @param iterations iterations so far, oldest first
 * @param decisions decisions on those iterations, in the same order
 * @param tokens tokens spent so far
 * @param elapsed wall time since the loop started
 */
public record LoopState(
    Task task,
    List<GateResult> baseline,
    List<Iteration> iterations,
    List<Decision> decisions,
    TokenUsage tokens,
    Duration elapsed) {

  /** Validates and copies. */
  public LoopState {
    Objects.requireNonNull(task, "task");
    baseline = List.copyOf(baseline);
    iterations = List.copyOf(iterations);
    decisions = List.copyOf(decisions);
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(elapsed, "elapsed");
    if (decisions.size() > iterations.size() || decisions.size() < iterations.size() - 1) {
      throw new IllegalArgumentException(
          decisions.size() + " decisions for " + iterations.size() + " iterations");
    }
  }

  /** The latest iteration, if there is one. */
  public Optional<Iteration> current() {
    return iterations.isEmpty()
        ? Optional.empty()
        : Optional.of(iterations.get(iterations.size() - 1));
  }

  /** How many iterations have run. */
  public int iterationCount() {
    return iterations.size();
  }
}
