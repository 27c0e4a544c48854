package dev.ratchet.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits for one command.
 *
 * @param timeout wall-clock deadline; at it the command and its children are killed
 * @param memoryBytes memory (and memory plus swap) limit
 * @param pids process and thread limit (threads count: cargo needs about 1024)
 * @param cpus CPU share, such as 1.0 or 0.5
 * @param outputBytes bytes kept of stdout and of stderr each; the rest is drained and dropped
 */
public record Limits(Duration timeout, long memoryBytes, int pids, double cpus, long outputBytes) {

  /** Validates each limit. */
  public Limits {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (memoryBytes < (4L << 20)) {
      throw new IllegalArgumentException("memoryBytes below 4 MiB cannot run a process");
    }
    if (pids < 1) {
      throw new IllegalArgumentException("pids must be at least 1");
    }
    if (!(cpus > 0)) {
      throw new IllegalArgumentException("cpus must be positive");
    }
    if (outputBytes < 0) {
      throw new IllegalArgumentException("outputBytes must not be negative");
    }
  }

  /** Ten minutes, 2 GiB, 1024 pids, one CPU, 1 MiB of each output stream. */
  public static Limits defaults() {
    return new Limits(Duration.ofMinutes(10), 2L << 30, 1024, 1.0, 1L << 20);
  }

  /** A copy with another timeout. */
  public Limits withTimeout(Duration timeout) {
    return new Limits(timeout, memoryBytes, pids, cpus, outputBytes);
  }

  /** A copy with another memory limit. */
  public Limits withMemoryBytes(long memoryBytes) {
    return new Limits(timeout, memoryBytes, pids, cpus, outputBytes);
  }

  /** A copy with another output cap. */
  public Limits withOutputBytes(long outputBytes) {
    return new Limits(timeout, memoryBytes, pids, cpus, outputBytes);
  }

  /**
   * The limit with its value, for a sentence that says what stopped a command: {@code the time
   * limit (20 s)}, {@code the memory limit (512 MiB)}.
   */
  public String describe(ExecResult.Limit limit) {
    return switch (limit) {
      case TIME -> "the time limit (" + (timeout.toMillis() % 1000 == 0
          ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms") + ")";
      case MEMORY -> "the memory limit (" + (memoryBytes >> 20) + " MiB)";
      case PIDS -> "the process limit (" + pids + " processes and threads)";
      case OUTPUT -> "the output cap (" + outputBytes + " bytes per stream)";
      case FILE_SIZE -> "the file size limit";
    };
  }
}
