package dev.ratchet.action;

import java.util.Objects;

/**
 * A request to read lines {@code fromLine..toLine} (1-based, inclusive) of a workspace file.
 *
 * @param path a path relative to the workspace root
 * @param fromLine first line, at least 1
 * @param toLine last line, at least {@code fromLine}; {@link Integer#MAX_VALUE} means to the end
 */
public record ReadFile(String path, int fromLine, int toLine) implements Action {
  /** Validates the path and the line range. */
  public ReadFile {
    Objects.requireNonNull(path, "path");
    if (fromLine < 1 || toLine < fromLine) {
      throw new IllegalArgumentException(
          "line range " + fromLine + ".." + toLine + " is empty or starts before line 1");
    }
  }

  /** Reads the whole file. */
  public static ReadFile of(String path) {
    return new ReadFile(path, 1, Integer.MAX_VALUE);
  }
}
