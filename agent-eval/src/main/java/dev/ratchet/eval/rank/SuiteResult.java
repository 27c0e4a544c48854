package dev.ratchet.eval.rank;

import dev.ratchet.eval.PassAtK;
import java.util.Collections;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One model's measured result on one suite.
 *
 * @param suite the suite's name, as the results file gives it
 * @param kind whether its tasks are completion problems, repository instances or both
 * @param multimodal whether the suite counts as a multimodal task suite (see {@link
 *     RankOptions#isMultimodal})
 * @param tasks the problems and instances measured
 * @param passAt1 the mean over tasks of pass@1 (completion problems, the unbiased estimator) or
 *     of 1 for a resolved instance and 0 otherwise; from 0 to 1
 * @param passAtK pass@k for each k in {@link PassAtK#REPORTED_K} above 1 that every problem has
 *     enough samples for (n ≥ k); empty for repository suites
 * @param solved tasks with at least one passing sample, or resolved
 */
public record SuiteResult(String suite, Kind kind, boolean multimodal, int tasks, double passAt1,
    SortedMap<Integer, Double> passAtK, int solved) {

  /** Validates and copies. */
  public SuiteResult {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(kind, "kind");
    if (tasks < 1) {
      throw new IllegalArgumentException("suite " + suite + " has " + tasks + " tasks: a suite"
          + " result needs at least one task");
    }
    if (!(passAt1 >= 0 && passAt1 <= 1)) {
      throw new IllegalArgumentException("pass@1 " + passAt1 + " of " + suite
          + " is not a share from 0 to 1");
    }
    passAtK = Collections.unmodifiableSortedMap(new TreeMap<>(passAtK));
  }

  /** pass@k, when the samples allow it (pass@1 always). */
  public OptionalDouble passAt(int k) {
    if (k == 1) {
      return OptionalDouble.of(passAt1);
    }
    Double value = passAtK.get(k);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** What a suite's tasks are. */
  public enum Kind {
    /** Completion problems ({@code ProblemResult}): scored by pass@1. */
    COMPLETION,
    /** Repository instances ({@code InstanceResult}): scored by resolved share. */
    REPOSITORY,
    /** Both kinds in one suite: each task counts once. */
    MIXED;

    /** How reports print it. */
    public String word() {
      switch (this) {
        case COMPLETION:
          return "completion";
        case REPOSITORY:
          return "repository";
        default:
          return "mixed";
      }
    }
  }
}
