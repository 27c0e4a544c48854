package dev.ratchet.gate;

import java.util.List;
import java.util.Objects;

/**
 * One compiler or lint finding.
 *
 * @param level how serious it is
 * @param code the lint or error code, such as {@code E0382} or {@code clippy::needless_return}; empty
 *     when there is none
 * @param message the one-line message
 * @param file the primary span's file relative to the workspace root; empty when there is no span
 * @param line the primary span's 1-based line; 0 when unknown
 * @param column the primary span's 1-based column; 0 when unknown
 * @param rendered the tool's full rendering, with source excerpt
 * @param suggestions the fixes the tool proposes
 */
public record Diagnostic(
    Level level,
    String code,
    String message,
    String file,
    int line,
    int column,
    String rendered,
    List<Suggestion> suggestions) {

  /** Validates and copies. */
  public Diagnostic {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(rendered, "rendered");
    suggestions = List.copyOf(suggestions);
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column are 1-based, or 0 when unknown");
    }
  }

  /** {@code file:line:column}, or as much of it as is known. */
  public String location() {
    if (file.isEmpty()) {
      return "";
    }
    return line == 0 ? file : column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }

  /** How serious a diagnostic is. */
  public enum Level {
    /** Compilation fails (or a warning denied with {@code -D warnings}). */
    ERROR,
    /** A warning. */
    WARNING,
    /** Extra information attached to another diagnostic. */
    NOTE,
    /** Advice attached to another diagnostic. */
    HELP
  }
}
