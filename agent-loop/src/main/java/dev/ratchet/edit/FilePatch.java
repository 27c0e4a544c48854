package dev.ratchet.edit;

import java.util.List;

/**
 * The one internal representation of a change to one file, whatever the model wrote.
 *
 * @param op what happens to the file
 * @param oldPath the raw path before (as written; validated later); equal to newPath unless
 *     renamed or copied
 * @param newPath the raw path after
 * @param hunks line changes, in file order
 * @param oldMode the git mode before, or empty when not stated
 * @param newMode the git mode after, or empty when not stated
 * @param content the whole new content for {@link Op#WRITE} and hunk-less {@link Op#CREATE}
 * @param binary whether the model's text carried binary patch data or a "Binary files differ" line
 * @param binaryData the decoded new content of a literal binary patch; empty when absent
 */
record FilePatch(
    Op op,
    String oldPath,
    String newPath,
    List<Hunk> hunks,
    String oldMode,
    String newMode,
    String content,
    boolean binary,
    byte[] binaryData) {

  FilePatch {
    hunks = List.copyOf(hunks);
  }

  static FilePatch write(String path, String content) {
    return new FilePatch(Op.WRITE, path, path, List.of(), "", "", content, false, new byte[0]);
  }

  static FilePatch create(String path, String content) {
    return new FilePatch(Op.CREATE, path, path, List.of(), "", "", content, false, new byte[0]);
  }

  static FilePatch modify(String path, List<Hunk> hunks) {
    return new FilePatch(Op.MODIFY, path, path, hunks, "", "", "", false, new byte[0]);
  }

  /** The path an edit's result lives at. */
  String targetPath() {
    return op == Op.DELETE ? oldPath : newPath;
  }

  enum Op {
    MODIFY,
    CREATE,
    DELETE,
    RENAME,
    COPY,
    WRITE
  }

  /**
   * A run of changed lines.
   *
   * @param statedLine the 1-based old start line the model stated; 0 when none (search/replace
   *     blocks, {@code @@ @@})
   * @param lines the lines with their kinds
   * @param oldMissingEol whether the old side ends without a newline at end of file
   * @param newMissingEol whether the new side ends without a newline at end of file
   */
  record Hunk(int statedLine, List<Line> lines, boolean oldMissingEol, boolean newMissingEol) {
    Hunk {
      lines = List.copyOf(lines);
    }

    List<String> oldLines() {
      return lines.stream().filter(l -> l.kind() != Kind.ADD).map(Line::text).toList();
    }

    List<String> newLines() {
      return lines.stream().filter(l -> l.kind() != Kind.REMOVE).map(Line::text).toList();
    }

    boolean changes() {
      return lines.stream().anyMatch(l -> l.kind() != Kind.CONTEXT);
    }
  }

  record Line(Kind kind, String text) {}

  enum Kind {
    CONTEXT,
    ADD,
    REMOVE
  }
}
