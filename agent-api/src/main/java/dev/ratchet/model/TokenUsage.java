package dev.ratchet.model;

/** Tokens a model call consumed. */
public record TokenUsage(long inputTokens, long outputTokens) {

  /** No tokens (also what a server that reports nothing costs). */
  public static final TokenUsage ZERO = new TokenUsage(0, 0);

  /** Refuses negative counts. */
  public TokenUsage {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException(
          "token counts are never negative: " + inputTokens + "/" + outputTokens);
    }
  }

  /** Input plus output tokens. */
  public long total() {
    return inputTokens + outputTokens;
  }

  /** The sum of this and another usage. */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }
}
