package dev.ratchet.sandbox;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a command ended.
 *
 * <p>A limit the sandbox enforced is reported in {@link #limitsHit()}, apart from the exit code: a
 * command killed at its deadline or by the memory limit did not "fail", it was stopped, and a model
 * should be told which limit it ran into.
 *
 * @param exitCode the exit status (128 + signal when killed)
 * @param stdout standard output, decoded as UTF-8 with replacement, capped (head and tail kept)
 * @param stderr standard error, decoded likewise, capped
 * @param duration wall-clock time from start to end
 * @param limitsHit the limits the command ran into; empty when it ended on its own terms
 * @param droppedBytes output bytes dropped at the cap, over both streams
 */
public record ExecResult(
    int exitCode,
    String stdout,
    String stderr,
    Duration duration,
    Set<Limit> limitsHit,
    long droppedBytes) {

  /** A limit the sandbox enforces. */
  public enum Limit {
    /** The wall-clock deadline: the command and its children were killed. */
    TIME("time limit"),
    /** The memory limit: the kernel killed the command or one of its children. */
    MEMORY("memory limit"),
    /** The process and thread limit: a fork or thread spawn was refused. */
    PIDS("process limit"),
    /** The output cap: bytes past it were drained and dropped. */
    OUTPUT("output cap"),
    /** The file size limit: a write past it killed the writer (SIGXFSZ). */
    FILE_SIZE("file size limit");

    private final String label;

    Limit(String label) {
      this.label = label;
    }

    /** A short human name, such as {@code memory limit}. */
    public String label() {
      return label;
    }
  }

  /** Validates the fields and copies the set. */
  public ExecResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
    limitsHit = limitsHit.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(limitsHit));
    if (droppedBytes < 0) {
      throw new IllegalArgumentException("droppedBytes must not be negative");
    }
    if (droppedBytes > 0 && !limitsHit.contains(Limit.OUTPUT)) {
      throw new IllegalArgumentException("dropped output implies Limit.OUTPUT in limitsHit");
    }
  }

  /** A result that hit no limit. */
  public static ExecResult of(int exitCode, String stdout, String stderr, Duration duration) {
    return new ExecResult(exitCode, stdout, stderr, duration, Set.of(), 0);
  }

  /** Whether the deadline killed it. */
  public boolean timedOut() {
    return limitsHit.contains(Limit.TIME);
  }

  /** Whether the memory limit killed it or one of its children (a 137 alone is not proof). */
  public boolean oomKilled() {
    return limitsHit.contains(Limit.MEMORY);
  }

  /** Whether either stream was cut at the cap. */
  public boolean outputTruncated() {
    return limitsHit.contains(Limit.OUTPUT);
  }

  /** Exit code 0, within the deadline and the memory limit. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut() && !oomKilled();
  }

  /**
   * One line for a person or a model: {@code exit 0}, or {@code exit 137, stopped by the memory
   * limit}, naming every limit hit.
   */
  public String describe() {
    if (limitsHit.isEmpty()) {
      return "exit " + exitCode;
    }
    return "exit " + exitCode + ", stopped by the "
        + EnumSet.copyOf(limitsHit).stream().map(Limit::label).collect(Collectors.joining(", "))
        + (droppedBytes > 0 ? " (" + droppedBytes + " output bytes dropped)" : "");
  }
}
