package dev.ratchet.action;

import java.util.Objects;

/** The model says it is done, with a summary of what it did. */
public record Finish(String summary) implements Action {
  /** Validates the summary. */
  public Finish {
    Objects.requireNonNull(summary, "summary");
  }
}
