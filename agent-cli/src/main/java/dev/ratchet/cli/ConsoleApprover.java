package dev.ratchet.cli;

import dev.ratchet.sandbox.Approver;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An {@link Approver} that asks the person at the console, {@code Run cargo clean? <reason>
 * [y/N]}, and runs the command only on {@code y} or {@code yes}. Anything else, the end of input,
 * a read error, or no console at all declines.
 *
 * <p>The command and the reason are shown with control and invisible characters escaped, so a
 * model cannot hide what runs behind terminal escapes, carriage returns or bidi overrides.
 */
final class ConsoleApprover implements Approver {

  /** Asks one question and returns the answer line, or null at the end of input. */
  @FunctionalInterface
  interface Prompt {
    String ask(String question) throws IOException;
  }

  private final Prompt prompt;

  private ConsoleApprover(Prompt prompt) {
    this.prompt = prompt;
  }

  /** Asks on the process's console; declines (with a note on {@code err}) when there is none. */
  static Approver system(PrintWriter err) {
    return forConsole(System.console(), err);
  }

  /**
   * Asks on {@code console}.
   *
   * @param console the console, or null when the process has none (then everything is declined)
   * @param err where a declined request is noted when there is no console
   */
  static Approver forConsole(Console console, PrintWriter err) {
    Objects.requireNonNull(err, "err");
    if (console == null) {
      return (argv, reason) -> {
        err.println("ratchet: " + render(argv) + " needs approval (" + printable(reason)
            + "), but there is no console to ask; declined.");
        err.flush();
        return false;
      };
    }
    return new ConsoleApprover(question -> console.readLine("%s", question));
  }

  /** Asks on the given streams: the question on {@code out}, the answer from {@code in}. */
  static ConsoleApprover of(BufferedReader in, PrintWriter out) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    return new ConsoleApprover(question -> {
      out.print(question);
      out.flush();
      return in.readLine();
    });
  }

  @Override
  public synchronized boolean approve(List<String> argv, String reason) {
    String answer;
    try {
      answer = prompt.ask("Run " + render(argv) + "? " + printable(reason) + " [y/N] ");
    } catch (IOException | RuntimeException e) {
      return false;
    }
    if (answer == null) {
      return false;
    }
    String a = answer.strip().toLowerCase(Locale.ROOT);
    return a.equals("y") || a.equals("yes");
  }

  /** The command as shell-like words: plain words bare, others in single quotes, all escaped. */
  static String render(List<String> argv) {
    return argv.stream().map(ConsoleApprover::word).collect(Collectors.joining(" "));
  }

  private static String word(String arg) {
    boolean plain = !arg.isEmpty() && arg.chars().allMatch(c -> c < 0x80
        && (Character.isLetterOrDigit(c) || "._/+=:,@%-".indexOf(c) >= 0));
    return plain ? arg : "'" + printable(arg).replace("'", "\\'") + "'";
  }

  /** The text with control and invisible characters written as {@code \\u{XXXX}}. */
  static String printable(String text) {
    StringBuilder sb = new StringBuilder();
    text.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.SURROGATE || type == Character.PRIVATE_USE
          || type == Character.UNASSIGNED || cp == '\\') {
        sb.append(cp == '\\' ? "\\\\" : String.format("\\u{%04X}", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }
}
