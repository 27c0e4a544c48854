package dev.ratchet.eval;

import java.util.List;
import java.util.Objects;

/**
 * Every sample of one completion problem, as one line of a results file (JSON lines).
 *
 * @param suite the suite, such as {@code humaneval-rs}, {@code mbpp-rs} or {@code humaneval-x-rs}
 * @param problem the problem's name or task id
 * @param model the model's name ({@code gold}, {@code empty}, {@code completions:FILE} or a client)
 * @param temperature the sampling temperature the samples were drawn at (NaN when unknown)
 * @param seed the sampling seed (-1 when none)
 * @param samples the samples, in order
 */
public record ProblemResult(String suite, String problem, String model, double temperature,
    long seed, List<Sample> samples) implements EvalResult {

  /** Validates and copies. */
  public ProblemResult {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(model, "model");
    samples = List.copyOf(samples);
  }

  @Override
  public String id() {
    return problem;
  }

  /** Samples drawn. */
  public int n() {
    return samples.size();
  }

  /** Samples that passed. */
  public int correct() {
    return (int) samples.stream().filter(Sample::passed).count();
  }

  /** The unbiased pass@k estimate for this problem (see {@link PassAtK}). */
  public double passAt(int k) {
    return PassAtK.estimate(n(), correct(), k);
  }
}
