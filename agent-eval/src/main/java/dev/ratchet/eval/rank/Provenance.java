package dev.ratchet.eval.rank;

/** Where a score's evidence came from. */
public enum Provenance {
  /** Computed from results files: measured here (possibly mixed with catalog facts). */
  MEASURED,
  /** The vendors' benchmark scores as the catalog records them: reported, not measured. */
  REPORTED,
  /** Other catalog facts: licence, modalities, hardware, serving. */
  CATALOG,
  /** No evidence at all; the score is 0. */
  UNKNOWN;

  /** How reports print it, e.g. {@code reported, not measured}. */
  public String describe() {
    switch (this) {
      case MEASURED:
        return "measured";
      case REPORTED:
        return "reported, not measured";
      case CATALOG:
        return "catalog";
      default:
        return "unknown";
    }
  }
}
