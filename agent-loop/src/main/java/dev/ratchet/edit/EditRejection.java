package dev.ratchet.edit;

import dev.ratchet.workspace.ApplyResult;

/** Internal signal that an edit is refused; turned into {@link ApplyResult.Rejected} at the edge. */
final class EditRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ApplyResult.Reason reason;
  private final String path;

  EditRejection(ApplyResult.Reason reason, String message, String path) {
    super(message, null, false, false);
    this.reason = reason;
    this.path = path;
  }

  EditRejection(ApplyResult.Reason reason, String message) {
    this(reason, message, "");
  }

  ApplyResult.Rejected toResult() {
    return new ApplyResult.Rejected(reason, getMessage(), path);
  }
}
