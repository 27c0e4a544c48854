package dev.ratchet.workspace;

import java.util.Objects;

/**
 * Where one hunk of an edit landed.
 *
 * @param path the file
 * @param hunk the hunk's 1-based number within that file's changes
 * @param line the 1-based line in the original file where the hunk's old lines began
 * @param level the rung of the matching ladder that placed it
 */
public record HunkReport(String path, int hunk, int line, MatchLevel level) {
  /** Validates the fields. */
  public HunkReport {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(level, "level");
  }
}
