package dev.ratchet.rust.cargo;

import dev.ratchet.gate.TestOutcome;
import java.util.List;

/**
 * The per-test verdicts of a test run, checked against the listing taken before it.
 *
 * @param tests one outcome per listed test (and one per binary that could not be read), in the
 *     order cargo ran the binaries
 * @param problems why whole binaries were not believed, one sentence each; every problem also
 *     shows up as at least one failed test, so a gate that only counts failures stays closed
 */
public record TestAccount(List<TestOutcome> tests, List<String> problems) {

  /** Copies. */
  public TestAccount {
    tests = List.copyOf(tests);
    problems = List.copyOf(problems);
  }

  /** The outcomes with the given status. */
  public List<TestOutcome> with(TestOutcome.Status status) {
    return tests.stream().filter(t -> t.status() == status).toList();
  }

  /** Whether every test passed or was ignored, and no binary was doubted. */
  public boolean allPassed() {
    return problems.isEmpty()
        && tests.stream().noneMatch(t -> t.status() == TestOutcome.Status.FAILED);
  }
}
