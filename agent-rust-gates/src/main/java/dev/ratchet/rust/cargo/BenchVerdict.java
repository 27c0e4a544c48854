package dev.ratchet.rust.cargo;

import java.util.Objects;

/**
 * How one benchmark compares with its baseline.
 *
 * @param name the benchmark
 * @param kind the verdict
 * @param change the relative change of the mean ({@code 0.257} for +25.7%); 0 when there is
 *     nothing to compare
 * @param explanation one line with the numbers, such as {@code parse/large: 1.52 ms → 1.91 ms
 *     (+25.7%), CIs [1.50,1.54] vs [1.88,1.95] do not overlap: regression}
 */
public record BenchVerdict(String name, Kind kind, double change, String explanation) {

  /** Validates the fields. */
  public BenchVerdict {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(explanation, "explanation");
  }

  /** The verdict kinds. */
  public enum Kind {
    /** Slower beyond the threshold, and the confidence intervals do not overlap. */
    REGRESSION,
    /** Faster beyond the threshold, and the confidence intervals do not overlap. */
    IMPROVEMENT,
    /** Any other change: under the threshold, or inside the noise. */
    WITHIN_NOISE,
    /** Measured now, absent from the baseline. */
    NEW,
    /** In the baseline, not measured now: a removed or renamed benchmark hides a regression. */
    MISSING
  }

  /** Whether this verdict should fail a gate: a regression or a missing benchmark. */
  public boolean blocks() {
    return kind == Kind.REGRESSION || kind == Kind.MISSING;
  }
}
