package dev.ratchet.testkit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine, such as a Docker daemon or a browser. When it is missing the
 * test is skipped on a developer's machine, and fails under CI, where everything must run.
 *
 * <pre>{@code
 * try {
 *   image = RustImage.ensure(progress);
 * } catch (RuntimeException e) {
 *   throw Required.missing(Required.DOCKER, e.getMessage());
 * }
 * }</pre>
 */
public final class Required {

  /** A Docker daemon, and how to get one. */
  public static final String DOCKER = "a Docker daemon (scripts/docker-up starts one)";

  private Required() {}

  /** Whether this is a CI run: the {@code CI} variable is set to anything but {@code false}. */
  public static boolean underCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isEmpty() && !ci.equalsIgnoreCase("false");
  }

  /**
   * Ends the test: fails it under CI, skips it elsewhere. Always throws; the return type lets a
   * caller write {@code throw Required.missing(...)}.
   *
   * @param need what is missing and how to get it, such as {@link #DOCKER}
   * @param detail why it is missing (an exception's message); may be empty
   */
  public static RuntimeException missing(String need, String detail) {
    String why = detail == null || detail.isBlank() ? "" : ": " + detail;
    if (underCi()) {
      Assertions.fail("CI needs " + need + why);
    }
    Assumptions.abort("skipped: this test needs " + need + why);
    throw new AssertionError("unreachable");
  }
}
