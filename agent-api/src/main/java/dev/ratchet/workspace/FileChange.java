package dev.ratchet.workspace;

import java.util.Objects;

/**
 * One file an applied edit changed.
 *
 * @param path the path after the edit (for a deletion, the deleted path)
 * @param kind what happened to it
 * @param oldPath the path before a rename, otherwise equal to {@code path}
 */
public record FileChange(String path, Kind kind, String oldPath) {
  /** Validates the fields. */
  public FileChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(oldPath, "oldPath");
  }

  /** A change that keeps the path. */
  public static FileChange of(String path, Kind kind) {
    return new FileChange(path, kind, path);
  }

  /** What an edit did to a file. */
  public enum Kind {
    /** The file is new. */
    CREATED,
    /** The content (or mode) changed. */
    MODIFIED,
    /** The file is gone. */
    DELETED,
    /** The file moved, possibly with changes. */
    RENAMED
  }
}
