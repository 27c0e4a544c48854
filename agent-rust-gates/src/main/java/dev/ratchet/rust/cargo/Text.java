package dev.ratchet.rust.cargo;

import java.util.List;
import java.util.regex.Pattern;

/** Small text helpers shared by the parsers. */
final class Text {

  private static final Pattern NEWLINE = Pattern.compile("\r?\n");
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

  private Text() {}

  /** The lines of {@code text}, without terminators; a trailing newline adds no empty line. */
  static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String[] parts = NEWLINE.split(text, -1);
    return List.of(parts).subList(0, text.endsWith("\n") ? parts.length - 1 : parts.length);
  }

  /** {@code text} without ANSI colour and cursor sequences. */
  static String stripAnsi(String text) {
    return text.indexOf('\u001B') < 0 ? text : ANSI.matcher(text).replaceAll("");
  }

  /** {@code n} and the noun, plural unless {@code n} is 1: "1 test", "3 tests". */
  static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }
}
