package dev.ratchet.gate;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one test.
 *
 * @param name the test's full path, such as {@code tests::parses_empty}
 * @param status passed, failed or ignored
 * @param message the panic message or failure output for a failed test; empty otherwise
 * @param duration how long it took, {@link Duration#ZERO} when the runner did not say
 */
public record TestOutcome(String name, Status status, String message, Duration duration) {
  /** Validates the fields. */
  public TestOutcome {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(duration, "duration");
  }

  /** The outcome kinds. */
  public enum Status {
    /** The test passed. */
    PASSED,
    /** The test failed or panicked. */
    FAILED,
    /** The test was not run ({@code #[ignore]} or filtered). */
    IGNORED
  }
}
