package dev.ratchet.eval.rank;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * What the results files measured for one model: per-suite results and the figures shown
 * alongside the scores.
 *
 * @param suites the suites it ran, by name
 * @param samples completion samples drawn
 * @param instances repository instances run
 * @param latencyMillis mean model time per completion sample, over samples with a model time
 * @param medianLatencyMillis median of the same
 * @param tokensPerSecond output tokens per second of model time, over samples with both a model
 *     time and an output token count
 * @param toolCalls tool calls recorded over repository instances
 * @param invalidToolCalls of those, the ones that were not well formed
 * @param iterationsToSuccess mean loop iterations of resolved instances that iterated
 * @param gateMillis mean gate time per repository instance that recorded one
 * @param runMillis mean time to compile and run one completion sample in the sandbox
 * @param timedAttempts samples and instances whose model time is known (for throughput)
 * @param timedSolved of those, the ones that passed or resolved
 * @param modelSeconds the model time of those attempts: a sample's model time; an instance's
 *     wall time less its gate time
 */
public record Measurements(List<SuiteResult> suites, int samples, int instances,
    OptionalDouble latencyMillis, OptionalDouble medianLatencyMillis,
    OptionalDouble tokensPerSecond, int toolCalls, int invalidToolCalls,
    OptionalDouble iterationsToSuccess, OptionalDouble gateMillis, OptionalDouble runMillis,
    int timedAttempts, int timedSolved, double modelSeconds) {

  /**
   * Hours a GPU purchase is spread over for {@link #solvedPerDollar}: three years of continuous
   * use.
   */
  public static final double AMORTIZATION_HOURS = 3 * 365 * 24;

  /** Validates and copies. */
  public Measurements {
    suites = List.copyOf(suites);
    Objects.requireNonNull(latencyMillis, "latencyMillis");
    Objects.requireNonNull(medianLatencyMillis, "medianLatencyMillis");
    Objects.requireNonNull(tokensPerSecond, "tokensPerSecond");
    Objects.requireNonNull(iterationsToSuccess, "iterationsToSuccess");
    Objects.requireNonNull(gateMillis, "gateMillis");
    Objects.requireNonNull(runMillis, "runMillis");
    if (invalidToolCalls < 0 || invalidToolCalls > toolCalls) {
      throw new IllegalArgumentException(invalidToolCalls + " invalid of " + toolCalls
          + " tool calls: the invalid ones are a part of all calls");
    }
    if (timedSolved < 0 || timedSolved > timedAttempts || modelSeconds < 0) {
      throw new IllegalArgumentException("timed attempts " + timedAttempts + ", solved "
          + timedSolved + ", " + modelSeconds + " s: solved must be part of the attempts");
    }
  }

  /** Nothing measured: a model known only from the catalog. */
  public static Measurements none() {
    return new Measurements(List.of(), 0, 0, OptionalDouble.empty(), OptionalDouble.empty(),
        OptionalDouble.empty(), 0, 0, OptionalDouble.empty(), OptionalDouble.empty(),
        OptionalDouble.empty(), 0, 0, 0);
  }

  /** Whether any result was measured. */
  public boolean any() {
    return !suites.isEmpty();
  }

  /** The suites that count for programming: every suite that is not multimodal. */
  public List<SuiteResult> programmingSuites() {
    return suites.stream().filter(s -> !s.multimodal()).collect(Collectors.toUnmodifiableList());
  }

  /** The multimodal task suites. */
  public List<SuiteResult> multimodalSuites() {
    return suites.stream().filter(SuiteResult::multimodal).collect(Collectors.toUnmodifiableList());
  }

  /** The suite with this name, if measured. */
  public Optional<SuiteResult> suite(String name) {
    return suites.stream().filter(s -> s.suite().equals(name)).findFirst();
  }

  /** The share of tool calls that were well formed; empty when none were recorded. */
  public OptionalDouble toolCallValidity() {
    return toolCalls == 0 ? OptionalDouble.empty()
        : OptionalDouble.of(1.0 - (double) invalidToolCalls / toolCalls);
  }

  /**
   * Solved tasks per dollar of GPU, where throughput was measured: solved attempts divided by
   * the GPU cost of their model time, the purchase cost spread over {@link #AMORTIZATION_HOURS}
   * (GPU only: no power, no host). Requests are taken as sequential, so batching would do
   * better. Empty when no model time was measured or the cost is not positive.
   */
  public OptionalDouble solvedPerDollar(long gpuCostUsd) {
    if (timedAttempts == 0 || modelSeconds <= 0 || gpuCostUsd <= 0) {
      return OptionalDouble.empty();
    }
    double dollars = modelSeconds / 3600.0 * gpuCostUsd / AMORTIZATION_HOURS;
    return OptionalDouble.of(timedSolved / dollars);
  }
}
