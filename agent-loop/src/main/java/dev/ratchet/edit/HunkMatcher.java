package dev.ratchet.edit;

import dev.ratchet.workspace.MatchLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The matching ladder: finds where a hunk's old lines are in a file, strict to lenient. At each
 * rung the stated line wins; otherwise the lines must occur exactly once. Several places is an
 * answer too (ambiguous), never a guess.
 */
final class HunkMatcher {

  /** A comparison rung: how lines are normalised before comparing. */
  enum Rung {
    EXACT(UnaryOperator.identity()),
    TRAILING_WHITESPACE(String::stripTrailing),
    INDENTATION(String::strip),
    UNICODE_PUNCTUATION(s -> normalizePunctuation(s).strip());

    final UnaryOperator<String> normalize;

    Rung(UnaryOperator<String> normalize) {
      this.normalize = normalize;
    }
  }

  /** Where a hunk matched, or why it did not. */
  record Match(int start, MatchLevel level, List<Integer> candidates) {
    boolean found() {
      return start >= 0;
    }

    boolean ambiguous() {
      return candidates.size() > 1;
    }
  }

  private HunkMatcher() {}

  /**
   * Finds {@code needle} in {@code lines}.
   *
   * @param preferred the 0-based line the hunk states (after shifts), or -1 when it states none
   */
  static Match find(List<String> lines, List<String> needle, int preferred) {
    for (Rung rung : Rung.values()) {
      List<String> hay = normalizeAll(lines, rung);
      List<String> pin = normalizeAll(needle, rung);
      if (preferred >= 0 && matchesAt(hay, pin, preferred)) {
        return new Match(preferred, level(rung, true), List.of(preferred));
      }
      List<Integer> at = allMatches(hay, pin);
      if (at.size() == 1) {
        return new Match(at.get(0), level(rung, preferred < 0), at);
      }
      if (at.size() > 1) {
        return new Match(-1, level(rung, false), at);
      }
    }
    return new Match(-1, MatchLevel.EXACT, List.of());
  }

  /** Whether {@code needle} occurs anywhere at any rung. */
  static boolean occursLoosely(List<String> lines, List<String> needle) {
    if (needle.isEmpty()) {
      return false;
    }
    for (Rung rung : Rung.values()) {
      if (!allMatches(normalizeAll(lines, rung), normalizeAll(needle, rung)).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static MatchLevel level(Rung rung, boolean atStatedOrUnstated) {
    return switch (rung) {
      case EXACT -> atStatedOrUnstated ? MatchLevel.EXACT : MatchLevel.EXACT_ELSEWHERE;
      case TRAILING_WHITESPACE -> MatchLevel.TRAILING_WHITESPACE;
      case INDENTATION -> MatchLevel.INDENTATION;
      case UNICODE_PUNCTUATION -> MatchLevel.UNICODE_PUNCTUATION;
    };
  }

  private static List<String> normalizeAll(List<String> lines, Rung rung) {
    if (rung == Rung.EXACT) {
      return lines;
    }
    List<String> out = new ArrayList<>(lines.size());
    for (String l : lines) {
      out.add(rung.normalize.apply(l));
    }
    return out;
  }

  private static boolean matchesAt(List<String> hay, List<String> pin, int at) {
    if (at < 0 || at + pin.size() > hay.size()) {
      return false;
    }
    for (int k = 0; k < pin.size(); k++) {
      if (!hay.get(at + k).equals(pin.get(k))) {
        return false;
      }
    }
    return true;
  }

  private static List<Integer> allMatches(List<String> hay, List<String> pin) {
    List<Integer> at = new ArrayList<>(2);
    if (pin.isEmpty()) {
      return at;
    }
    String first = pin.get(0);
    for (int i = 0; i + pin.size() <= hay.size(); i++) {
      if (hay.get(i).equals(first) && matchesAt(hay, pin, i)) {
        at.add(i);
      }
    }
    return at;
  }

  /** The 0-based start of the window most like {@code needle} (trimmed lines compared). */
  static int closest(List<String> lines, List<String> needle) {
    List<String> hay = normalizeAll(lines, Rung.UNICODE_PUNCTUATION);
    List<String> pin = normalizeAll(needle, Rung.UNICODE_PUNCTUATION);
    int best = -1;
    int bestScore = 0;
    for (int i = 0; i < Math.max(1, hay.size() - pin.size() + 1); i++) {
      int score = 0;
      for (int k = 0; k < pin.size() && i + k < hay.size(); k++) {
        if (!pin.get(k).isEmpty() && hay.get(i + k).equals(pin.get(k))) {
          score++;
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  static String normalizePunctuation(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032' -> sb.append('\'');
        case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033' -> sb.append('"');
        case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> sb.append('-');
        case '\u2026' -> sb.append("...");
        case '\u00A0', '\u2007', '\u2009', '\u200A', '\u202F', '\u3000' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
