package dev.ratchet.action;

import java.util.Objects;

/**
 * A change to the workspace's files, in one of the forms models write.
 *
 * <p>{@link Patch} carries free text: a unified diff (git or plain, fenced or not, with or without
 * line numbers), search/replace blocks, or whole-file writes; the workspace parses it. The other two
 * forms come from structured tool calls.
 */
public sealed interface Edit extends Action permits Edit.Patch, Edit.WriteFile, Edit.Replace {

  /** Free text as a model wrote it: a diff, search/replace blocks or whole-file writes. */
  record Patch(String text) implements Edit {
    /** Validates that the text is present (it may be empty: the workspace rejects that). */
    public Patch {
      Objects.requireNonNull(text, "text");
    }
  }

  /** Replaces (or creates) one file with the given content. */
  record WriteFile(String path, String content) implements Edit {
    /** Validates both fields. */
    public WriteFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(content, "content");
    }
  }

  /** Replaces one occurrence of {@code search} in a file with {@code replace}. */
  record Replace(String path, String search, String replace) implements Edit {
    /** Validates all fields. */
    public Replace {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(search, "search");
      Objects.requireNonNull(replace, "replace");
    }
  }

  /** Returns a patch edit for free text. */
  static Edit patch(String text) {
    return new Patch(text);
  }

  /** Returns a whole-file write. */
  static Edit writeFile(String path, String content) {
    return new WriteFile(path, content);
  }

  /** Returns a single search/replace edit. */
  static Edit replace(String path, String search, String replace) {
    return new Replace(path, search, replace);
  }
}
