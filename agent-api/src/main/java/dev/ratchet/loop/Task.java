package dev.ratchet.loop;

import dev.ratchet.model.Attachment;
import java.util.List;
import java.util.Objects;

/**
 * What the user asks the loop to do.
 *
 * @param id a short stable id for reports and transcripts
 * @param prompt the request, as a user would write it
 * @param attachments images that come with the request
 */
public record Task(String id, String prompt, List<Attachment> attachments) {
  /** Validates and copies. */
  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prompt, "prompt");
    attachments = List.copyOf(attachments);
  }

  /** A text-only task. */
  public static Task of(String id, String prompt) {
    return new Task(id, prompt, List.of());
  }
}
