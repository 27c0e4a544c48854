package dev.ratchet.workspace;

import java.util.List;
import java.util.Objects;

/** What became of an edit: applied to every file it names, or rejected with nothing written. */
public sealed interface ApplyResult permits ApplyResult.Applied, ApplyResult.Rejected {

  /** Whether the edit was applied. */
  default boolean applied() {
    return this instanceof Applied;
  }

  /**
   * The edit changed these files.
   *
   * @param files each file the edit changed, in the order the edit named them
   * @param hunks how each hunk was placed, and which rung of the matching ladder it needed
   */
  record Applied(List<FileChange> files, List<HunkReport> hunks) implements ApplyResult {
    /** Copies the lists and refuses an empty change (an edit that changes nothing is rejected). */
    public Applied {
      files = List.copyOf(files);
      hunks = List.copyOf(hunks);
      if (files.isEmpty()) {
        throw new IllegalArgumentException("an applied edit changes at least one file");
      }
    }

    /** The loosest matching level any hunk needed ({@link MatchLevel#EXACT} when none). */
    public MatchLevel loosestLevel() {
      return hunks.stream()
          .map(HunkReport::level)
          .max(Enum::compareTo)
          .orElse(MatchLevel.EXACT);
    }
  }

  /**
   * The edit was refused; the tree is exactly as before.
   *
   * @param reason the kind of problem
   * @param message what failed and what to do, written for the model (file, hunk, nearby lines)
   * @param path the file concerned, or empty when the problem is the edit as a whole
   */
  record Rejected(Reason reason, String message, String path) implements ApplyResult {
    /** Validates the fields. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(path, "path");
    }
  }

  /** Why an edit was rejected. */
  enum Reason {
    /** Nothing to apply: empty text, or no diff, block or file in it. */
    EMPTY,
    /** The text is not a diff or block this parser can read. */
    MALFORMED,
    /** A path is absolute, escapes the tree, has control characters, or goes through a symlink. */
    UNSAFE_PATH,
    /** A protected path: {@code .git/}, tool-control files such as {@code .cargo/config.toml}. */
    PROTECTED_PATH,
    /** A symlink or submodule would be created, or an exec bit flipped, without permission. */
    FORBIDDEN_MODE,
    /** A binary patch, and the caller does not allow them. */
    BINARY,
    /** The edit exceeds a size or file-count cap. */
    TOO_LARGE,
    /** A file to modify or delete does not exist. */
    MISSING_FILE,
    /** A file to create already exists with other content. */
    FILE_EXISTS,
    /** A hunk's lines are not in the file at any level of the ladder. */
    NO_MATCH,
    /** A hunk's lines occur at several places and nothing says which one. */
    AMBIGUOUS,
    /** The change is already in the file. */
    ALREADY_APPLIED,
    /** Reading or writing the tree failed; nothing was changed. */
    IO_ERROR
  }
}
