package dev.ratchet.loop;

import dev.ratchet.model.TokenUsage;
import dev.ratchet.policy.Decision;
import dev.ratchet.workspace.Checkpoint;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a loop run ended.
 *
 * @param runId the run's id (pass the same id to the workspace to name its scratch branch alike)
 * @param outcome accepted, stopped or failed
 * @param reason why it ended, in a sentence
 * @param iterations every iteration
 * @param decisions the decision on each iteration
 * @param base the checkpoint the run started from
 * @param result the checkpoint the run ended on (the best one kept)
 * @param diff the unified diff from {@code base} to {@code result}
 * @param tokens tokens spent
 * @param elapsed wall time
 */
public record LoopResult(
    String runId,
    Outcome outcome,
    String reason,
    List<Iteration> iterations,
    List<Decision> decisions,
    Checkpoint base,
    Checkpoint result,
    String diff,
    TokenUsage tokens,
    Duration elapsed) {

  /** Validates and copies. */
  public LoopResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(reason, "reason");
    iterations = List.copyOf(iterations);
    decisions = List.copyOf(decisions);
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(diff, "diff");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Whether the run ended with ACCEPT. */
  public boolean accepted() {
    return outcome == Outcome.ACCEPTED;
  }

  /** How a run ended. */
  public enum Outcome {
    /** A policy accepted the result; it was handed to the user's branch as configured. */
    ACCEPTED,
    /** A policy or budget stopped the run; the user's branch is untouched. */
    STOPPED,
    /** The environment failed (the model server, the sandbox); the user's branch is untouched. */
    FAILED
  }
}
