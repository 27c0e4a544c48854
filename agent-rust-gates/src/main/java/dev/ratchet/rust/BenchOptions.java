package dev.ratchet.rust;

import dev.ratchet.rust.cargo.BenchComparison;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the bench gate measures and judges.
 *
 * @param threshold the relative slowdown that fails, such as 0.10 (and only outside the noise)
 * @param criterionArgs arguments for criterion after {@code --}, such as {@code --warm-up-time 1}
 * @param baselineFile where the baseline is kept between runs; empty keeps it in memory
 */
public record BenchOptions(double threshold, List<String> criterionArgs,
    Optional<Path> baselineFile) {

  /** Validates and copies. */
  public BenchOptions {
    BenchComparison.checkThreshold(threshold);
    criterionArgs = List.copyOf(criterionArgs);
    Objects.requireNonNull(baselineFile, "baselineFile");
  }

  /** 10%, criterion's defaults, the baseline in memory. */
  public static BenchOptions defaults() {
    return new BenchOptions(0.10, List.of(), Optional.empty());
  }

  /** A copy with another threshold. */
  public BenchOptions withThreshold(double threshold) {
    return new BenchOptions(threshold, criterionArgs, baselineFile);
  }

  /** A copy with criterion arguments (shorter runs: {@code --warm-up-time 0.5 --measurement-time 1}). */
  public BenchOptions withCriterionArgs(List<String> args) {
    return new BenchOptions(threshold, args, baselineFile);
  }

  /** A copy that keeps the baseline in a file. */
  public BenchOptions withBaselineFile(Path file) {
    return new BenchOptions(threshold, criterionArgs, Optional.of(file));
  }
}
