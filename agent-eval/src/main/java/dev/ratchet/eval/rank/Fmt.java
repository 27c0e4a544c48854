package dev.ratchet.eval.rank;

import java.util.Locale;
import java.util.OptionalDouble;

/** Number formats shared by the rubric's reasons and the reports; never locale-dependent. */
final class Fmt {
  /** What a report prints for a figure that was not measured. */
  static final String NONE = "—";

  private Fmt() {}

  /** A share as a percentage with one decimal: {@code 62.5%}. */
  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** A share as a percentage, or {@link #NONE}. */
  static String pct(OptionalDouble share) {
    return share.isPresent() ? pct(share.getAsDouble()) : NONE;
  }

  /** One decimal: {@code 6.2}. */
  static String one(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Two decimals: {@code 6.24}. */
  static String two(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** One decimal, or {@link #NONE}. */
  static String one(OptionalDouble value) {
    return value.isPresent() ? one(value.getAsDouble()) : NONE;
  }

  /** Whole number with thousands separators, or {@link #NONE}. */
  static String whole(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%,.0f", value.getAsDouble()) : NONE;
  }

  /** US dollars: {@code $8,750}. */
  static String usd(long dollars) {
    return String.format(Locale.ROOT, "$%,d", dollars);
  }

  /** Tokens the way model cards write them: {@code 128K}, {@code 1M}, {@code 4,096}. */
  static String tokens(int count) {
    if (count % (1024 * 1024) == 0) {
      return count / (1024 * 1024) + "M";
    }
    if (count % 1024 == 0) {
      return count / 1024 + "K";
    }
    return String.format(Locale.ROOT, "%,d", count);
  }
}
