package dev.ratchet.eval;

/**
 * How one completion fared, with the reference evaluator's names (MultiPL-E): it compiled and its
 * tests passed, it did not compile, it panicked or exited non-zero, it ran out of time, or out of
 * memory (ours; the reference has no memory limit).
 */
public enum Status {
  /** Compiled, and the tests passed. */
  OK("OK"),
  /** Did not compile. */
  SYNTAX_ERROR("SyntaxError"),
  /** Compiled, then panicked or exited non-zero. */
  EXCEPTION("Exception"),
  /** Compiling or running passed the time limit. */
  TIMEOUT("Timeout"),
  /** The memory limit killed it. */
  OOM("OOM");

  private final String reference;

  Status(String reference) {
    this.reference = reference;
  }

  /** The name the reference evaluator writes, such as {@code SyntaxError}. */
  public String reference() {
    return reference;
  }

  /** The status with this reference name. */
  public static Status fromReference(String name) {
    for (Status s : values()) {
      if (s.reference.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status '" + name + "'; known: OK, SyntaxError,"
        + " Exception, Timeout, OOM");
  }
}
