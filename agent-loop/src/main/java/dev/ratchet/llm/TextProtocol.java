package dev.ratchet.llm;

import dev.ratchet.action.Action;
import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.action.InvalidCall;
import dev.ratchet.action.ReadFile;
import dev.ratchet.edit.EditApplier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edit protocol for servers and models without tool calling: the model writes a diff or
 * search/replace blocks in its text, {@code READ path} lines to read files and a {@code DONE:}
 * line to finish.
 *
 * <p>Trusts nothing in the reply. Whether it holds an edit is the patch parser's call ({@link
 * EditApplier#containsEdit}); the whole reply goes to the workspace as one {@link Edit.Patch},
 * which parses it again and rejects what it cannot apply. {@code READ} and {@code DONE:} count
 * only at the start of a line (optionally wrapped in backticks), so diff context lines, which
 * start with a space, never trigger them.
 */
final class TextProtocol {
  private static final Pattern READ =
      Pattern.compile("READ:?[ \\t]+(\\S+?)(?::(\\d{1,9})(?:[ \\t]*-[ \\t]*(\\d{0,9}))?)?:?");
  private static final Pattern DONE = Pattern.compile("DONE(?:[ \\t]*:[ \\t]*(.*)|[ \\t.!]*)");

  private static final String INSTRUCTIONS = """
      Reply with your change as one unified diff in a ```diff fence, with '--- a/PATH' and \
      '+++ b/PATH' headers and @@ hunks:

      ```diff
      --- a/src/lib.rs
      +++ b/src/lib.rs
      @@ -1,3 +1,3 @@
       pub fn add(a: i32, b: i32) -> i32 {
      -    a - b
      +    a + b
       }
      ```

      Context and removed lines must match the file exactly; line numbers may be approximate. \
      One diff may change several files; use '--- /dev/null' to create a file and \
      '+++ /dev/null' to delete one.

      Instead of a diff you may send search/replace blocks, each with the file's path alone on \
      the line before it:

      src/lib.rs
      <<<<<<< SEARCH
          a - b
      =======
          a + b
      >>>>>>> REPLACE

      The SEARCH lines must occur exactly once in the file, indentation included; an empty \
      SEARCH part creates a new file.

      To read a file, write READ path on its own line, or READ path:start-end for lines start \
      to end (1-based), such as READ src/lib.rs:1-80; then end your reply and wait for the \
      contents.

      When the task is done and nothing is left to change, write DONE: and a one-line summary \
      on its own line.
      """;

  private TextProtocol() {}

  /** The system-prompt text that teaches a model this protocol. */
  static String instructions() {
    return INSTRUCTIONS;
  }

  /**
   * The actions in a reply: one {@link Edit.Patch} of the whole reply when it holds an edit (well
   * formed or not), then a {@link ReadFile} for each distinct {@code READ} line, then a {@link
   * Finish} for the first {@code DONE:} line. An unreadable {@code READ} range becomes an {@link
   * InvalidCall} for {@code read_file}. A reply with none of these gives an empty list.
   */
  static List<Action> parse(String reply) {
    List<Action> actions = new ArrayList<>();
    if (EditApplier.containsEdit(reply)) {
      actions.add(Edit.patch(reply));
    }
    Set<Action> reads = new LinkedHashSet<>();
    Optional<Finish> finish = Optional.empty();
    for (String raw : reply.split("\\R")) {
      String line = unwrap(raw);
      Matcher read = READ.matcher(line);
      if (read.matches()) {
        reads.add(readFile(line, read));
        continue;
      }
      Matcher done = DONE.matcher(line);
      if (done.matches() && finish.isEmpty()) {
        finish = Optional.of(new Finish(done.group(1) == null ? "" : done.group(1).strip()));
      }
    }
    actions.addAll(reads);
    finish.ifPresent(actions::add);
    return actions;
  }

  /** The line without trailing blanks and without backticks or bold around all of it. */
  private static String unwrap(String line) {
    String s = line.stripTrailing();
    while (s.length() >= 2 && !Character.isWhitespace(s.charAt(0))
        && (s.startsWith("`") && s.endsWith("`") || s.startsWith("**") && s.endsWith("**"))) {
      s = s.startsWith("**") ? s.substring(2, s.length() - 2) : s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static Action readFile(String line, Matcher m) {
    String path = m.group(1);
    if (m.group(2) == null) {
      return ReadFile.of(path);
    }
    int start = Integer.parseInt(m.group(2));
    int end = m.group(3) == null || m.group(3).isEmpty()
        ? Integer.MAX_VALUE : Integer.parseInt(m.group(3));
    if (start < 1 || end < start) {
      return new InvalidCall("read_file", line, "The line range in '" + line + "' is empty or"
          + " starts before line 1: write READ " + path + ":START-END with 1 <= START <= END,"
          + " or READ " + path + " for the whole file.");
    }
    return new ReadFile(path, start, end);
  }
}
