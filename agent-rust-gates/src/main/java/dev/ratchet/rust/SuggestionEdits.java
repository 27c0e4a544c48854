package dev.ratchet.rust;

import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.Suggestion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns compiler suggestions into new file contents. A diagnostic's suggestions are taken
 * together or not at all (a rename can touch several places); a diagnostic whose spans overlap an
 * already chosen one waits for the next round, when the compiler will have re-read the file.
 */
final class SuggestionEdits {

  private SuggestionEdits() {}

  /** The diagnostics whose every suggestion is machine-applicable, deduplicated, in file order. */
  static List<Diagnostic> applicable(List<Diagnostic> diagnostics) {
    Map<List<Suggestion>, Diagnostic> unique = new LinkedHashMap<>();
    for (Diagnostic d : diagnostics) {
      if (!d.suggestions().isEmpty() && d.suggestions().stream().allMatch(
          s -> s.applicability() == Suggestion.Applicability.MACHINE_APPLICABLE)) {
        unique.putIfAbsent(d.suggestions(), d);
      }
    }
    List<Diagnostic> out = new ArrayList<>(unique.values());
    out.sort(Comparator.comparing(Diagnostic::file).thenComparingInt(Diagnostic::line)
        .thenComparingInt(Diagnostic::column));
    return out;
  }

  /** The diagnostics chosen for one edit, and the new content of each file they touch. */
  record Plan(List<Diagnostic> chosen, Map<String, String> files) {}

  /**
   * Chooses diagnostics (at most {@code max}) whose spans overlap no other chosen one, and returns
   * them with each touched file's new content, keyed by path. Diagnostics naming a file the reader
   * cannot read are skipped.
   */
  static Plan apply(List<Diagnostic> applicable, int max,
      Function<String, Optional<String>> reader) {
    List<Suggestion> chosen = new ArrayList<>();
    List<Diagnostic> taken = new ArrayList<>();
    for (Diagnostic d : applicable) {
      if (taken.size() == max) {
        break;
      }
      boolean clash = d.suggestions().stream().anyMatch(s -> chosen.stream()
          .anyMatch(c -> overlaps(c, s)))
          || d.suggestions().stream().anyMatch(s -> d.suggestions().stream()
              .anyMatch(t -> t != s && overlaps(t, s)));
      if (!clash && d.suggestions().stream().allMatch(s -> reader.apply(s.file()).isPresent())) {
        chosen.addAll(d.suggestions());
        taken.add(d);
      }
    }
    Map<String, List<Suggestion>> byFile = new LinkedHashMap<>();
    for (Suggestion s : chosen) {
      byFile.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(s);
    }
    Map<String, String> files = new LinkedHashMap<>();
    byFile.forEach((file, suggestions) ->
        files.put(file, applyToText(reader.apply(file).orElseThrow(), suggestions)));
    return new Plan(List.copyOf(taken), files);
  }

  /** Applies non-overlapping suggestions to one file's text, last first so offsets hold. */
  static String applyToText(String text, List<Suggestion> suggestions) {
    List<Suggestion> ordered = new ArrayList<>(suggestions);
    ordered.sort(Comparator.comparingInt(Suggestion::startLine)
        .thenComparingInt(Suggestion::startColumn).reversed());
    int[] lineStarts = lineStarts(text);
    StringBuilder out = new StringBuilder(text);
    for (Suggestion s : ordered) {
      int from = offset(text, lineStarts, s.startLine(), s.startColumn());
      int to = offset(text, lineStarts, s.endLine(), s.endColumn());
      out.replace(from, to, s.replacement());
    }
    return out.toString();
  }

  private static boolean overlaps(Suggestion a, Suggestion b) {
    if (!a.file().equals(b.file())) {
      return false;
    }
    long aFrom = pos(a.startLine(), a.startColumn());
    long aTo = pos(a.endLine(), a.endColumn());
    long bFrom = pos(b.startLine(), b.startColumn());
    long bTo = pos(b.endLine(), b.endColumn());
    // Two insertions at the same point also clash: their order would be a guess.
    return aFrom < bTo && bFrom < aTo || aFrom == bFrom;
  }

  private static long pos(int line, int column) {
    return ((long) line << 32) | column;
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The string index of a 1-based line and 1-based column, where rustc counts columns in
   * characters (code points), not UTF-16 units.
   */
  private static int offset(String text, int[] lineStarts, int line, int column) {
    if (line < 1 || line > lineStarts.length) {
      throw new IllegalArgumentException("line " + line + " is outside the file ("
          + lineStarts.length + " lines): the file changed since the compiler read it");
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    try {
      int index = text.offsetByCodePoints(start, column - 1);
      if (index > end) {
        throw new IndexOutOfBoundsException();
      }
      return index;
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("column " + column + " is past the end of line " + line
          + ": the file changed since the compiler read it", e);
    }
  }
}
