package dev.ratchet.model;

/**
 * Tokens a model call consumed.
 *
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param estimated whether the counts are an estimate (the server reported no usage)
 */
public record TokenUsage(long inputTokens, long outputTokens, boolean estimated) {

  /** No tokens (also what a client that calls no server costs). */
  public static final TokenUsage ZERO = new TokenUsage(0, 0);

  /** Counts the server reported. */
  public TokenUsage(long inputTokens, long outputTokens) {
    this(inputTokens, outputTokens, false);
  }

  /** Counts estimated from text when the server reported none (about four characters a token). */
  public static TokenUsage estimate(long inputChars, long outputChars) {
    return new TokenUsage((inputChars + 3) / 4, (outputChars + 3) / 4, true);
  }

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

  /** The sum of this and another usage; estimated when either is. */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
        estimated || other.estimated);
  }
}
