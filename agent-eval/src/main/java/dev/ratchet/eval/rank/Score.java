package dev.ratchet.eval.rank;

import java.util.Objects;

/**
 * One model's score on one dimension, with where the evidence came from and why.
 *
 * @param dimension the rubric dimension
 * @param value the score, from 0 to 10
 * @param provenance where the evidence came from
 * @param why one line: which figures gave the score, e.g. {@code mean of 2 suites: humaneval-rs
 *     pass@1 62.0%, ...}
 */
public record Score(Dimension dimension, double value, Provenance provenance, String why) {

  /** Validates the fields. */
  public Score {
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(why, "why");
    if (!(value >= 0 && value <= 10)) {
      throw new IllegalArgumentException("score " + value + " for " + dimension.label()
          + " is outside 0–10: clamp it in the rule that computes it");
    }
  }

  /** The score's contribution to the total: {@code value × weight}. */
  public double weighted() {
    return value * dimension.weight();
  }
}
