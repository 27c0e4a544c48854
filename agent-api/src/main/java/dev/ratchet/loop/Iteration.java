package dev.ratchet.loop;

import dev.ratchet.gate.GateResult;
import dev.ratchet.model.ModelReply;
import dev.ratchet.workspace.Checkpoint;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One turn of the loop, as data: the reply, what became of its actions, and what the gates said.
 *
 * @param index the 1-based iteration number
 * @param reply the model's reply
 * @param outcomes one outcome per action of the reply, in order
 * @param gates the gate results for the tree after this iteration (empty if nothing changed and the
 *     gates were not re-run)
 * @param checkpoint the workspace head after this iteration's edits
 * @param duration the wall time of the iteration
 */
public record Iteration(
    int index,
    ModelReply reply,
    List<ActionOutcome> outcomes,
    List<GateResult> gates,
    Checkpoint checkpoint,
    Duration duration) {

  /** Validates and copies. */
  public Iteration {
    if (index < 1) {
      throw new IllegalArgumentException("iterations are 1-based");
    }
    Objects.requireNonNull(reply, "reply");
    outcomes = List.copyOf(outcomes);
    gates = List.copyOf(gates);
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(duration, "duration");
  }

  /** Whether any edit of this iteration was applied. */
  public boolean changedTree() {
    return outcomes.stream().anyMatch(o -> o.status() == ActionOutcome.Status.APPLIED);
  }

  /** Whether the model said it is done. */
  public boolean finished() {
    return outcomes.stream().anyMatch(o -> o.status() == ActionOutcome.Status.FINISHED);
  }

  /** Whether every gate that ran passed (or did not apply), and at least one ran. */
  public boolean gatesPassed() {
    return !gates.isEmpty() && gates.stream().noneMatch(g -> g.status().blocks());
  }
}
