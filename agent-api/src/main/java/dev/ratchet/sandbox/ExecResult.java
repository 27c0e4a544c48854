package dev.ratchet.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How a command ended.
 *
 * @param exitCode the exit status (128 + signal when killed)
 * @param timedOut whether the deadline killed it
 * @param oomKilled whether the memory limit killed it or one of its children (a 137 alone is not
 *     proof)
 * @param stdout standard output, decoded as UTF-8 with replacement, capped
 * @param stderr standard error, decoded likewise, capped
 * @param outputTruncated whether either stream was cut at the cap
 * @param duration wall-clock time from start to end
 */
public record ExecResult(
    int exitCode,
    boolean timedOut,
    boolean oomKilled,
    String stdout,
    String stderr,
    boolean outputTruncated,
    Duration duration) {

  /** Validates the fields. */
  public ExecResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
  }

  /** Exit code 0, within the deadline and the memory limit. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut && !oomKilled;
  }
}
