package dev.ratchet.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Help.Ansi;

/**
 * The streams a command reads and writes, and whether it may colour them.
 *
 * @param in standard input (for {@code -} arguments)
 * @param out standard output: results
 * @param err standard error: rejections, errors and notes
 * @param ansi {@link Ansi#AUTO} (colour on a terminal) or {@link Ansi#OFF}
 */
record Io(InputStream in, PrintWriter out, PrintWriter err, Ansi ansi) {

  /** Validates the fields. */
  Io {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(ansi, "ansi");
  }

  /** Colour only on a terminal, and never when {@code NO_COLOR} is set (https://no-color.org). */
  static Ansi ansi(Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    return noColor != null && !noColor.isEmpty() ? Ansi.OFF : Ansi.AUTO;
  }

  /** Renders picocli markup such as {@code @|green text|@} (plain when colour is off). */
  String styled(String markup) {
    return ansi.string(markup);
  }

  /** Prints one error sentence to stderr and returns the exit code to end with. */
  int fail(int exitCode, String sentence) {
    err.println(styled("@|bold,red ratchet:|@ ") + sentence);
    return exitCode;
  }
}
