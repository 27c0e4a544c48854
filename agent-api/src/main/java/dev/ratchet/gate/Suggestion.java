package dev.ratchet.gate;

import java.util.Objects;

/**
 * A replacement a tool proposes for a span of a file (1-based lines and columns, end exclusive).
 *
 * @param file the file relative to the workspace root
 * @param startLine first line of the span
 * @param startColumn first column of the span (in characters)
 * @param endLine last line of the span
 * @param endColumn the column just after the span
 * @param replacement the text to put in place of the span
 * @param applicability how safe it is to apply without a human look
 */
public record Suggestion(
    String file,
    int startLine,
    int startColumn,
    int endLine,
    int endColumn,
    String replacement,
    Applicability applicability) {

  /** Validates the span. */
  public Suggestion {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(replacement, "replacement");
    Objects.requireNonNull(applicability, "applicability");
    if (startLine < 1 || startColumn < 1 || endLine < startLine
        || (endLine == startLine && endColumn < startColumn)) {
      throw new IllegalArgumentException(
          "bad span " + startLine + ":" + startColumn + "-" + endLine + ":" + endColumn);
    }
  }

  /** rustc's applicability levels. */
  public enum Applicability {
    /** Safe to apply mechanically. */
    MACHINE_APPLICABLE,
    /** Probably right, but may change meaning. */
    MAYBE_INCORRECT,
    /** Contains placeholders a human must fill. */
    HAS_PLACEHOLDERS,
    /** The tool did not say. */
    UNSPECIFIED
  }
}
