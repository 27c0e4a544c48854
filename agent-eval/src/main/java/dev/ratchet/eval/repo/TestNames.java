package dev.ratchet.eval.repo;

import dev.ratchet.gate.TestOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a data set's test names among the outcomes of a run.
 *
 * <p>Data sets name tests as libtest prints them: {@code tests::foo}, {@code
 * module::tests::bar}, an integration test's bare {@code baz}, a doc test's {@code src/lib.rs -
 * add (line 5)}. The test accounting of agent-rust-gates qualifies each libtest name with its
 * target ({@code mycrate::tests::foo}, {@code cli::baz}; doc tests as they are) and, when two
 * binaries share a name, appends the binary ({@code mycrate::tests::foo [unittests src/main.rs
 * (mycrate)]}).
 *
 * <p>The rule: with the bracketed binary removed, an outcome matches a name when it equals the
 * name, or is one target segment (no {@code ::}, no space) followed by {@code ::} and the name.
 * So {@code tests::foo} matches {@code mycrate::tests::foo} but not {@code
 * mycrate::other::tests::foo}, and {@code baz} matches {@code cli::baz} but not {@code
 * mycrate::tests::baz}. A name that matches several outcomes (the same libtest name in a lib and
 * a bin) passes only when all of them pass: it fails when any fails, and is ignored when none
 * failed but some did not run. A name that matches nothing fails, with the reason it is missing.
 */
final class TestNames {

  private TestNames() {}

  /** Whether an outcome's name stands for the data set's test name (see the class comment). */
  static boolean matches(String name, String outcome) {
    String plain = withoutBinary(outcome);
    if (plain.equals(name) || outcome.equals(name)) {
      return true;
    }
    if (!plain.endsWith("::" + name)) {
      return false;
    }
    String target = plain.substring(0, plain.length() - name.length() - 2);
    return !target.isEmpty() && !target.contains("::") && !target.contains(" ");
  }

  /**
   * The outcome of each named test, named as the data set names it, in the data set's order.
   *
   * @param missing why a test that matches no outcome failed, such as "not found in the run"
   */
  static List<TestOutcome> judge(List<String> names, List<TestOutcome> ran, String missing) {
    List<TestOutcome> out = new ArrayList<>();
    for (String name : names) {
      List<TestOutcome> found = ran.stream().filter(t -> matches(name, t.name())).toList();
      out.add(combine(name, found, missing));
    }
    return List.copyOf(out);
  }

  /** Every named test failed for the same reason (they did not run). */
  static List<TestOutcome> allFailed(List<String> names, String why) {
    return names.stream()
        .map(n -> new TestOutcome(n, TestOutcome.Status.FAILED, why, Duration.ZERO))
        .toList();
  }

  private static TestOutcome combine(String name, List<TestOutcome> found, String missing) {
    if (found.isEmpty()) {
      return new TestOutcome(name, TestOutcome.Status.FAILED, missing, Duration.ZERO);
    }
    Duration total = found.stream().map(TestOutcome::duration).reduce(Duration.ZERO,
        Duration::plus);
    for (TestOutcome t : found) {
      if (t.status() == TestOutcome.Status.FAILED) {
        String where = found.size() > 1 ? " (as " + t.name() + ")" : "";
        return new TestOutcome(name, TestOutcome.Status.FAILED, t.message() + where, total);
      }
    }
    boolean allPassed = found.stream().allMatch(t -> t.status() == TestOutcome.Status.PASSED);
    return allPassed
        ? new TestOutcome(name, TestOutcome.Status.PASSED, "", total)
        : new TestOutcome(name, TestOutcome.Status.IGNORED, "it did not run (#[ignore]d)",
            total);
  }

  /** The name without a trailing {@code " [binary]"} that tells binaries apart. */
  private static String withoutBinary(String outcome) {
    if (!outcome.endsWith("]")) {
      return outcome;
    }
    int open = outcome.lastIndexOf(" [");
    return open < 0 ? outcome : outcome.substring(0, open);
  }
}
