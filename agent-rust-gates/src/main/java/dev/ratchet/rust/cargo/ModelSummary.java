package dev.ratchet.rust.cargo;

import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.Suggestion;
import dev.ratchet.gate.TestOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders compiler diagnostics and failing tests for a model, within a character budget.
 *
 * <p>Most important first: errors, then failing tests, then warnings, then notes; within each,
 * by file, line and column (tests by name). Duplicates are dropped. Each diagnostic shows {@code
 * level[code] file:line:col: message}, a few source lines around the line when a source reader is
 * given, and the fixes the compiler proposes; each failing test its name and failure message. An
 * entry that does not fit whole is shown as its first line only; when even that does not fit,
 * rendering stops and a last line counts what was left out ("... and 12 more warnings, 3 more
 * failing tests not shown"). The result never exceeds the budget.
 *
 * <p>A pure function: the same input gives the same text. Passed and ignored tests are not shown.
 * The source reader is only asked for files inside the workspace (relative paths); what it
 * returns is shown as source, so pass one that reads the tree under judgement.
 */
public final class ModelSummary {

  private static final int CONTEXT_LINES = 2;
  private static final int MAX_SOURCE_LINE = 160;
  private static final int MAX_MESSAGE_LINES = 12;
  private static final int MAX_MESSAGE_CHARS = 400;
  private static final int MAX_TEST_MESSAGE_CHARS = 1200;
  private static final int MAX_FIXES = 3;
  private static final int MAX_FIX_TEXT = 80;

  private ModelSummary() {}

  /** Renders without source excerpts. */
  public static String render(List<Diagnostic> diagnostics, List<TestOutcome> tests, int budget) {
    return render(diagnostics, tests, budget, file -> Optional.empty());
  }

  /**
   * Renders diagnostics and the failed tests among {@code tests}.
   *
   * @param budget the most characters the result may have
   * @param sources reads a workspace file by relative path; empty when it cannot
   * @return the summary; empty when there is nothing to report
   */
  public static String render(List<Diagnostic> diagnostics, List<TestOutcome> tests, int budget,
      Function<String, Optional<String>> sources) {
    Objects.requireNonNull(sources, "sources");
    if (budget < 0) {
      throw new IllegalArgumentException("budget must not be negative, got " + budget);
    }
    List<Entry> entries = entries(diagnostics, tests, sources);
    StringBuilder out = new StringBuilder();
    int shown = 0;
    // Each entry must leave room for the line counting the entries after it, so that line
    // always fits when rendering stops (unless the budget cannot even hold it alone).
    for (; shown < entries.size(); shown++) {
      String tailAfter = tail(entries.subList(shown + 1, entries.size()));
      String chosen = null;
      for (String variant : List.of(entries.get(shown).full(), entries.get(shown).brief())) {
        int length = out.length() + separator(out) + variant.length()
            + (tailAfter.isEmpty() ? 0 : 1 + tailAfter.length());
        if (length <= budget) {
          chosen = variant;
          break;
        }
      }
      if (chosen == null) {
        break;
      }
      out.append(separator(out) == 0 ? "" : "\n").append(chosen);
    }
    String tail = tail(entries.subList(shown, entries.size()));
    if (!tail.isEmpty()) {
      out.append(separator(out) == 0 ? "" : "\n").append(tail);
    }
    return out.length() <= budget ? out.toString() : out.substring(0, budget);
  }

  private static int separator(StringBuilder out) {
    return out.length() == 0 ? 0 : 1;
  }

  /** The categories in the order they are shown and counted. */
  private enum Category {
    ERROR("error", "errors"),
    FAILED_TEST("failing test", "failing tests"),
    WARNING("warning", "warnings"),
    NOTE("note", "notes");

    final String singular;
    final String plural;

    Category(String singular, String plural) {
      this.singular = singular;
      this.plural = plural;
    }
  }

  private record Entry(Category category, String full, String brief) {}

  private static List<Entry> entries(List<Diagnostic> diagnostics, List<TestOutcome> tests,
      Function<String, Optional<String>> sources) {
    Map<DiagnosticKey, Diagnostic> unique = new LinkedHashMap<>();
    for (Diagnostic d : diagnostics) {
      unique.putIfAbsent(DiagnosticKey.of(d), d);
    }
    List<Diagnostic> sorted = new ArrayList<>(unique.values());
    sorted.sort(Comparator.comparing((Diagnostic d) -> category(d.level()))
        .thenComparing(d -> !CargoMessages.isLocalPath(d.file()))
        .thenComparing(Diagnostic::file).thenComparingInt(Diagnostic::line)
        .thenComparingInt(Diagnostic::column).thenComparing(Diagnostic::code)
        .thenComparing(Diagnostic::message));
    Map<String, TestOutcome> failed = new TreeMap<>();
    for (TestOutcome t : tests) {
      if (t.status() == TestOutcome.Status.FAILED) {
        failed.putIfAbsent(t.name(), t);
      }
    }
    List<Entry> entries = new ArrayList<>();
    sorted.stream().filter(d -> d.level() == Diagnostic.Level.ERROR)
        .forEach(d -> entries.add(entry(d, sources)));
    failed.values().forEach(t -> entries.add(entry(t)));
    sorted.stream().filter(d -> d.level() != Diagnostic.Level.ERROR)
        .forEach(d -> entries.add(entry(d, sources)));
    return entries;
  }

  private static Category category(Diagnostic.Level level) {
    return switch (level) {
      case ERROR -> Category.ERROR;
      case WARNING -> Category.WARNING;
      case NOTE, HELP -> Category.NOTE;
    };
  }

  private static Entry entry(Diagnostic d, Function<String, Optional<String>> sources) {
    String head = d.level().name().toLowerCase(Locale.ROOT)
        + (d.code().isEmpty() ? "" : "[" + d.code() + "]")
        + (d.location().isEmpty() ? "" : " " + d.location()) + ": " + oneLine(d.message());
    StringBuilder full = new StringBuilder(head);
    excerpt(d, sources).ifPresent(e -> full.append('\n').append(e));
    d.suggestions().stream().limit(MAX_FIXES)
        .forEach(s -> full.append("\n  fix: ").append(fix(s, d.file())));
    if (d.suggestions().size() > MAX_FIXES) {
      full.append("\n  (").append(d.suggestions().size() - MAX_FIXES).append(" more fix parts)");
    }
    return new Entry(category(d.level()), full.toString(), head);
  }

  private static Entry entry(TestOutcome t) {
    List<String> lines = Text.lines(t.message().strip()).stream()
        .filter(l -> !l.isBlank()).toList();
    String head = "FAILED " + t.name();
    StringBuilder full = new StringBuilder(head);
    int chars = 0;
    int shown = 0;
    for (String line : lines) {
      if (shown == MAX_MESSAGE_LINES || chars + line.length() > MAX_TEST_MESSAGE_CHARS) {
        full.append("\n  [").append(lines.size() - shown).append(" more lines]");
        break;
      }
      full.append("\n  ").append(clip(line, MAX_SOURCE_LINE));
      chars += line.length();
      shown++;
    }
    String first = lines.isEmpty() ? "" : lines.get(0);
    return new Entry(Category.FAILED_TEST, full.toString(),
        first.isEmpty() ? head : head + ": " + clip(first.strip(), MAX_SOURCE_LINE));
  }

  private static Optional<String> excerpt(Diagnostic d,
      Function<String, Optional<String>> sources) {
    if (d.line() == 0 || !CargoMessages.isLocalPath(d.file())) {
      return Optional.empty();
    }
    Optional<String> text = sources.apply(d.file());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    List<String> lines = Text.lines(text.get());
    if (d.line() > lines.size()) {
      return Optional.empty();
    }
    int from = Math.max(1, d.line() - CONTEXT_LINES);
    int to = Math.min(lines.size(), d.line() + CONTEXT_LINES);
    int width = String.valueOf(to).length();
    List<String> out = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      out.add(((n == d.line() ? "  > " : "    ") + pad(n, width) + " | "
          + clip(lines.get(n - 1), MAX_SOURCE_LINE)).stripTrailing());
    }
    return Optional.of(String.join("\n", out));
  }

  private static String fix(Suggestion s, String diagnosticFile) {
    String where = (s.file().equals(diagnosticFile) ? "" : s.file() + " ")
        + s.startLine() + ":" + s.startColumn()
        + (s.endLine() == s.startLine() && s.endColumn() == s.startColumn() ? ""
            : "-" + s.endLine() + ":" + s.endColumn());
    String text = clip(s.replacement().replace("\n", "\\n"), MAX_FIX_TEXT);
    boolean insertion = s.endLine() == s.startLine() && s.endColumn() == s.startColumn();
    String action = insertion ? "insert `" + text + "` at " + where
        : s.replacement().isEmpty() ? "delete " + where
        : "replace " + where + " with `" + text + "`";
    return action + switch (s.applicability()) {
      case MACHINE_APPLICABLE -> "";
      case MAYBE_INCORRECT -> " (may be incorrect)";
      case HAS_PLACEHOLDERS -> " (has placeholders)";
      case UNSPECIFIED -> " (unverified)";
    };
  }

  private static String tail(List<Entry> left) {
    if (left.isEmpty()) {
      return "";
    }
    Map<Category, Integer> counts = new EnumMap<>(Category.class);
    left.forEach(e -> counts.merge(e.category(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((c, n) -> parts.add(n + " more " + (n == 1 ? c.singular : c.plural)));
    return "... and " + String.join(", ", parts) + " not shown";
  }

  private static String oneLine(String message) {
    List<String> lines = Text.lines(message.strip());
    String first = lines.isEmpty() ? "" : lines.get(0);
    return clip(first, MAX_MESSAGE_CHARS) + (lines.size() > 1 ? " [...]" : "");
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  private static String pad(int n, int width) {
    String s = String.valueOf(n);
    return " ".repeat(width - s.length()) + s;
  }
}
