package dev.ratchet.models;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a token count from a context length as a source states it, e.g. {@code 256K}. */
final class ContextLength {
  private static final Pattern LEADING =
      Pattern.compile("~?\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*([KkMm])?(?![A-Za-z0-9])");

  private ContextLength() {}

  /**
   * The leading number of {@code stated}, with {@code K} as 1,024 and {@code M} as 1,048,576;
   * empty for {@code unspecified} and {@code unknown}.
   *
   * @throws IllegalArgumentException when {@code stated} starts with no number
   */
  static OptionalInt parse(String stated) {
    if (ModelProfile.absent(stated)) {
      return OptionalInt.empty();
    }
    Matcher m = LEADING.matcher(stated);
    if (!m.lookingAt()) {
      throw new IllegalArgumentException("context '" + stated + "' does not start with a token"
          + " count: write e.g. '131072', '128K', '1M' or '4,096' first, or '"
          + ModelProfile.UNSPECIFIED + "'");
    }
    BigDecimal tokens = new BigDecimal(m.group(1).replace(",", ""));
    String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
    if (unit.equals("K")) {
      tokens = tokens.multiply(BigDecimal.valueOf(1024));
    } else if (unit.equals("M")) {
      tokens = tokens.multiply(BigDecimal.valueOf(1024L * 1024));
    }
    try {
      int n = tokens.setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
      if (n < 1) {
        throw new ArithmeticException("not positive");
      }
      return OptionalInt.of(n);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("context '" + stated + "' is not a positive token count"
          + " that fits an int: write the model's context length, e.g. '128K'");
    }
  }
}
