package dev.ratchet.loop;

import dev.ratchet.action.Action;
import java.util.Objects;

/**
 * What became of one action of a reply.
 *
 * @param action the action
 * @param status what happened
 * @param feedback what the model is told about it (a rejection reason, a file's lines, a command's
 *     output)
 */
public record ActionOutcome(Action action, Status status, String feedback) {
  /** Validates the fields. */
  public ActionOutcome {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(feedback, "feedback");
  }

  /** The kinds of outcome. */
  public enum Status {
    /** An edit was applied. */
    APPLIED,
    /** An edit was rejected; nothing changed. */
    REJECTED,
    /** A read or a command was served. */
    ANSWERED,
    /** A command was refused by the command policy or the approver. */
    REFUSED,
    /** The action could not be served (no sandbox, a sandbox failure). */
    FAILED,
    /** The model said it is done. */
    FINISHED
  }
}
