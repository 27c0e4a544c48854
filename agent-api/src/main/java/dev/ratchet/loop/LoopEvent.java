package dev.ratchet.loop;

import dev.ratchet.action.Edit;
import dev.ratchet.gate.GateResult;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import dev.ratchet.policy.Decision;
import dev.ratchet.workspace.ApplyResult;
import dev.ratchet.workspace.Checkpoint;
import java.util.Objects;

/**
 * Everything the loop does, as typed events in the order they happen. Transcripts, progress views
 * and metrics are {@link LoopListener}s of these.
 */
public sealed interface LoopEvent {

  /** The iteration the event belongs to; 0 for events outside any iteration. */
  int iteration();

  /** The run began (or resumed) on a workspace. */
  record RunStarted(String runId, Task task, Checkpoint base, String workspace, boolean resumed)
      implements LoopEvent {
    /** Validates the fields. */
    public RunStarted {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(workspace, "workspace");
    }

    @Override
    public int iteration() {
      return 0;
    }
  }

  /** An iteration began. */
  record IterationStarted(int iteration) implements LoopEvent {}

  /** A request is about to go to the model. */
  record RequestSent(int iteration, ModelRequest request) implements LoopEvent {}

  /** A model call failed; {@code retriable} tells whether the loop will try again. */
  record ModelCallFailed(int iteration, int attempt, String error, boolean retriable)
      implements LoopEvent {}

  /** The model replied. */
  record ReplyReceived(int iteration, ModelReply reply) implements LoopEvent {}

  /** An edit was applied to the working tree. */
  record EditApplied(int iteration, Edit edit, ApplyResult.Applied result) implements LoopEvent {}

  /** An edit was rejected; nothing changed. */
  record EditRejected(int iteration, Edit edit, ApplyResult.Rejected result) implements LoopEvent {}

  /** A read, a command or a finish was answered. */
  record ActionAnswered(int iteration, ActionOutcome outcome) implements LoopEvent {}

  /** The iteration's changes were committed. */
  record Committed(int iteration, Checkpoint checkpoint) implements LoopEvent {}

  /** A gate finished (iteration 0: the baseline run before any edit). */
  record GateFinished(int iteration, GateResult result) implements LoopEvent {}

  /** A policy decided on an iteration. */
  record IterationDecided(int iteration, Iteration record, Decision decision)
      implements LoopEvent {}

  /** The tree was rolled back to a checkpoint. */
  record RolledBack(int iteration, Checkpoint to) implements LoopEvent {}

  /** The run ended. */
  record LoopFinished(int iteration, LoopResult result) implements LoopEvent {}
}
