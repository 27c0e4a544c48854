package dev.ratchet.eval.rank;

/** One dimension of the survey's rubric, with its weight in the total. */
public enum Dimension {
  /** Programming and systems engineering: 35%. */
  PROGRAMMING("programming & systems engineering", "programming", 0.35),
  /** Multimodal systems usefulness: 20%. */
  MULTIMODAL("multimodal usefulness", "multimodal", 0.20),
  /** Self-hosting efficiency and scalability: 25%. */
  SELF_HOSTING("self-hosting efficiency", "self-hosting", 0.25),
  /** Tool-use readiness: 10%. */
  TOOL_USE("tool-use readiness", "tool use", 0.10),
  /** Licence and ecosystem: 10%. */
  LICENCE("licence & ecosystem", "licence", 0.10);

  private final String label;
  private final String shortLabel;
  private final double weight;

  Dimension(String label, String shortLabel, double weight) {
    this.label = label;
    this.shortLabel = shortLabel;
    this.weight = weight;
  }

  /** The dimension's name as the survey writes it, e.g. {@code tool-use readiness}. */
  public String label() {
    return label;
  }

  /** A one- or two-word name for table headings and chart legends. */
  public String shortLabel() {
    return shortLabel;
  }

  /** Its weight in the total, from 0 to 1; the five add up to 1. */
  public double weight() {
    return weight;
  }
}
