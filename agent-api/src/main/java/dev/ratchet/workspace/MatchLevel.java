package dev.ratchet.workspace;

/**
 * The rungs of the matching ladder, strict to lenient. A hunk is placed at the first rung where its
 * old lines occur exactly once (or at the stated line); never case-insensitively and never at the
 * first of several matches.
 */
public enum MatchLevel {
  /** Byte-exact at the line the hunk states (or a new file, a deletion, a whole-file write). */
  EXACT,
  /** Byte-exact at one other place in the file. */
  EXACT_ELSEWHERE,
  /** Equal when trailing whitespace is ignored. */
  TRAILING_WHITESPACE,
  /** Equal when leading whitespace is ignored; the replacement is re-indented to the file's. */
  INDENTATION,
  /** Equal when typographic quotes, dashes and spaces are read as their ASCII forms. */
  UNICODE_PUNCTUATION
}
