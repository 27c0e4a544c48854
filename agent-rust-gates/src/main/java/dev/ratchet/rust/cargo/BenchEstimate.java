package dev.ratchet.rust.cargo;

import java.util.Objects;

/**
 * criterion's estimate of one benchmark, in nanoseconds per iteration.
 *
 * @param name the benchmark's id, such as {@code parse/large}
 * @param mean the mean with its confidence interval
 * @param median the median with its confidence interval
 */
public record BenchEstimate(String name, Interval mean, Interval median) {

  /** Validates the fields. */
  public BenchEstimate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(median, "median");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a benchmark needs a name");
    }
  }

  /**
   * A point estimate and its confidence interval, in nanoseconds.
   *
   * @param point the point estimate
   * @param lower the interval's lower bound
   * @param upper the interval's upper bound
   */
  public record Interval(double point, double lower, double upper) {

    /** Validates that the numbers are finite, not negative, and {@code lower <= upper}. */
    public Interval {
      if (!Double.isFinite(point) || !Double.isFinite(lower) || !Double.isFinite(upper)
          || point < 0 || lower < 0 || lower > upper) {
        throw new IllegalArgumentException(
            "bad estimate " + point + " [" + lower + ", " + upper + "]");
      }
    }

    /** Whether the two intervals share any value. */
    public boolean overlaps(Interval other) {
      return lower <= other.upper && other.lower <= upper;
    }
  }
}
