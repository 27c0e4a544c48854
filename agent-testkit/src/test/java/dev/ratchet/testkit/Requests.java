package dev.ratchet.testkit;

import dev.ratchet.action.Action;
import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.loop.ActionOutcome;
import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.Task;
import dev.ratchet.model.Attachment;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.model.ToolSpec;
import dev.ratchet.workspace.Checkpoint;
import java.time.Duration;
import java.util.List;

/** Builds the requests the tests send, each call a fresh object graph. */
final class Requests {
  static final String DIFF =
      "--- a/src/lib.rs\n"
          + "+++ b/src/lib.rs\n"
          + "@@ -1,3 +1,3 @@\n"
          + " pub fn one() -> i32 {\n"
          + "-    1\n"
          + "+    2\n"
          + " }\n";

  private Requests() {}

  /** A first-iteration request. */
  static ModelRequest first() {
    return new ModelRequest(
        1,
        Task.of("t1", "Make one() return 2."),
        "Answer with a unified diff.",
        List.of(),
        "",
        List.of(),
        List.of());
  }

  /** A second-iteration request with one iteration of history. */
  static ModelRequest second(String feedback) {
    return second(feedback, Duration.ofMillis(1234), "abc1234", "\n");
  }

  /**
   * A second-iteration request; the run-to-run parts (durations, checkpoint) and the line ending
   * of the texts can be varied.
   */
  static ModelRequest second(String feedback, Duration took, String checkpoint, String eol) {
    Action edit = Edit.patch(DIFF.replace("\n", eol));
    ModelReply reply =
        ModelReply.of(
            "Here is a fix." + eol + "Done.  " + eol, List.of(edit), new TokenUsage(10, 20));
    Iteration first =
        new Iteration(
            1,
            reply,
            List.of(new ActionOutcome(edit, ActionOutcome.Status.APPLIED, "applied src/lib.rs")),
            List.of(
                GateResult.of("build", GateStatus.PASS, "build passed").withDuration(took),
                GateResult.of("test", GateStatus.FAIL, "1 test failed:" + eol + "  one_is_two")
                    .withDuration(took)),
            new Checkpoint(checkpoint),
            took);
    return new ModelRequest(
        2,
        new Task("t1", "Make one() return 2.", List.of()),
        "Answer with a unified diff.",
        List.of(first),
        feedback,
        List.of(new Attachment("ci.png", "image/png", new byte[] {1, 2, 3})),
        List.of(new ToolSpec("apply_patch", "Applies a diff.", "{}")));
  }

  /** A reply that finishes. */
  static ModelReply finish(String summary) {
    return ModelReply.of(new Finish(summary));
  }
}
