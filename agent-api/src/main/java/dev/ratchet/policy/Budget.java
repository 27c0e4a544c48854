package dev.ratchet.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on one loop run.
 *
 * @param maxIterations model calls at the most
 * @param maxTokens tokens (input plus output) at the most; checked before each call
 * @param maxWallTime elapsed time at the most; checked before each call
 */
public record Budget(int maxIterations, long maxTokens, Duration maxWallTime) {
  /** Validates each limit. */
  public Budget {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1");
    }
    Objects.requireNonNull(maxWallTime, "maxWallTime");
    if (maxWallTime.isNegative() || maxWallTime.isZero()) {
      throw new IllegalArgumentException("maxWallTime must be positive");
    }
  }

  /** Ten iterations, a million tokens, one hour. */
  public static Budget defaults() {
    return new Budget(10, 1_000_000, Duration.ofHours(1));
  }

  /** A copy with another iteration limit. */
  public Budget withMaxIterations(int n) {
    return new Budget(n, maxTokens, maxWallTime);
  }

  /** A copy with another token limit. */
  public Budget withMaxTokens(long n) {
    return new Budget(maxIterations, n, maxWallTime);
  }

  /** A copy with another wall-time limit. */
  public Budget withMaxWallTime(Duration d) {
    return new Budget(maxIterations, maxTokens, d);
  }
}
