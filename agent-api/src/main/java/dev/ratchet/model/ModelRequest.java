package dev.ratchet.model;

import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.Task;
import java.util.List;
import java.util.Objects;

/**
 * Everything a model is given for one turn.
 *
 * @param iteration the 1-based iteration this request opens
 * @param task what the user asked for
 * @param instructions the system instructions (edit protocol, rules)
 * @param history earlier iterations with their outcomes and gate results, oldest first
 * @param feedback the policy's rendering of the last iteration, for the model; empty on the first
 * @param attachments images for this turn (the task's and any a gate produced)
 * @param tools the tools the model may call; empty means the text protocol
 */
public record ModelRequest(
    int iteration,
    Task task,
    String instructions,
    List<Iteration> history,
    String feedback,
    List<Attachment> attachments,
    List<ToolSpec> tools) {

  /** Validates and copies. */
  public ModelRequest {
    if (iteration < 1) {
      throw new IllegalArgumentException("iteration is 1-based, got " + iteration);
    }
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(instructions, "instructions");
    history = List.copyOf(history);
    Objects.requireNonNull(feedback, "feedback");
    attachments = List.copyOf(attachments);
    tools = List.copyOf(tools);
  }
}
