package dev.ratchet.rust.cargo;

import java.util.List;

/**
 * The estimates read from a criterion output directory.
 *
 * @param benchmarks one estimate per benchmark, by name
 * @param problems files that were skipped and why (a symlink, unreadable JSON, a duplicate
 *     name); a gate should not pass a run with problems it cannot explain
 */
public record CriterionResults(List<BenchEstimate> benchmarks, List<String> problems) {

  /** Copies. */
  public CriterionResults {
    benchmarks = List.copyOf(benchmarks);
    problems = List.copyOf(problems);
  }
}
