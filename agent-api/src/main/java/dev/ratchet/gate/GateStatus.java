package dev.ratchet.gate;

/** The verdict of a gate. */
public enum GateStatus {
  /** The check passed. */
  PASS,
  /** The check ran and found problems. */
  FAIL,
  /** The check could not judge: it crashed, hung or printed something unreadable. */
  ERROR,
  /** A tool the check needs is not installed (for example Miri). */
  UNAVAILABLE,
  /** The check did not run (an earlier gate failed, or it does not apply). */
  SKIPPED;

  /** Whether this status blocks acceptance: FAIL and ERROR do. */
  public boolean blocks() {
    return this == FAIL || this == ERROR;
  }
}
