package dev.ratchet.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which rows of a log the screenshot shows: every line when it fits, else the head, the tail and
 * the lines around failures, with a marker row for each gap; long lines wrapped into continuation
 * rows, and cut after {@link #MAX_ROWS_PER_LINE} rows.
 */
final class LogPlan {
  /** The most rows one long line wraps into; the rest of it is cut with a note. */
  static final int MAX_ROWS_PER_LINE = 10;
  /** Lines kept before and after each failing line when the log is cut. */
  static final int CONTEXT_BEFORE = 1;
  static final int CONTEXT_AFTER = 6;

  /** How a line is highlighted. */
  enum Highlight { NONE, WARNING, FAILURE }

  /** What a row shows. */
  enum Kind { LINE, CONTINUATION, OMITTED }

  /**
   * One row of the picture: cells {@code [from, to)} of line {@code line} (1-based), or a marker.
   * {@code note} is the marker's text, or the cut-off note at the end of a line's last row.
   */
  record Row(Kind kind, int line, AnsiText.Styled text, int from, int to, Highlight highlight,
      String note) {}

  /** The rows, and what the header says about the whole log. */
  record Plan(List<Row> rows, int totalLines, int shownLines, int failing, int warnings) {
    int omitted() {
      return totalLines - shownLines;
    }
  }

  private LogPlan() {}

  /** Splits a log into lines: {@code \n} ends a line; a final newline adds no empty line. */
  static List<String> lines(String log) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < log.length(); i++) {
      if (log.charAt(i) == '\n') {
        lines.add(log.substring(start, i));
        start = i + 1;
      }
    }
    if (start < log.length() || lines.isEmpty()) {
      lines.add(log.substring(start));
    }
    return lines;
  }

  /**
   * Plans the rows for a log.
   *
   * @param columns cells per row
   * @param maxLines the most log lines shown
   * @param maxRows the most rows that fit in the picture
   */
  static Plan plan(String log, int columns, int maxLines, int maxRows, Predicate<String> failures,
      Predicate<String> warnings, boolean colours) {
    List<String> lines = lines(log);
    int n = lines.size();
    Highlight[] highlight = new Highlight[n];
    AnsiText.State[] startState = new AnsiText.State[n];
    AnsiText.State state = new AnsiText.State();
    int failing = 0;
    int warned = 0;
    for (int i = 0; i < n; i++) {
      startState[i] = state.copy();
      String plain = AnsiText.strip(lines.get(i), state);
      if (failures.test(plain)) {
        highlight[i] = Highlight.FAILURE;
        failing++;
      } else if (warnings.test(plain)) {
        highlight[i] = Highlight.WARNING;
        warned++;
      } else {
        highlight[i] = Highlight.NONE;
      }
    }
    int budget = Math.min(maxLines, n);
    while (true) {
      boolean[] keep = select(highlight, budget);
      List<Row> rows = rows(lines, keep, highlight, startState, columns, colours);
      if (rows.size() <= maxRows || budget == 1) {
        int shown = 0;
        for (boolean k : keep) {
          shown += k ? 1 : 0;
        }
        if (rows.size() > maxRows) {
          rows = new ArrayList<>(rows.subList(0, maxRows));
        }
        return new Plan(List.copyOf(rows), n, shown, failing, warned);
      }
      int scaled = (int) ((long) budget * maxRows / rows.size());
      budget = Math.max(1, Math.min(budget - 1, scaled));
    }
  }

  /**
   * Picks at most {@code budget} lines: a fifth from the head, a quarter from the tail, then each
   * failing line with {@value #CONTEXT_BEFORE} line before and {@value #CONTEXT_AFTER} after, in
   * order, while the budget lasts; what is left of it extends the head and the tail.
   */
  static boolean[] select(Highlight[] highlight, int budget) {
    int n = highlight.length;
    boolean[] keep = new boolean[n];
    if (budget >= n) {
      java.util.Arrays.fill(keep, true);
      return keep;
    }
    int[] count = {0};
    int head = budget / 5;
    int tail = budget / 4;
    mark(keep, 0, head, count, budget);
    mark(keep, n - tail, n, count, budget);
    for (int i = 0; i < n && count[0] < budget; i++) {
      if (highlight[i] == Highlight.FAILURE) {
        mark(keep, i, i + 1, count, budget);
        mark(keep, i - CONTEXT_BEFORE, i, count, budget);
        mark(keep, i + 1, i + 1 + CONTEXT_AFTER, count, budget);
      }
    }
    int front = 0;
    int back = n - 1;
    boolean fromFront = true;
    while (count[0] < budget && front <= back) {
      if (fromFront) {
        while (front <= back && keep[front]) {
          front++;
        }
        mark(keep, front, front + 1, count, budget);
      } else {
        while (back >= front && keep[back]) {
          back--;
        }
        mark(keep, back, back + 1, count, budget);
      }
      fromFront = !fromFront;
    }
    return keep;
  }

  private static void mark(boolean[] keep, int from, int to, int[] count, int budget) {
    for (int i = Math.max(0, from); i < Math.min(keep.length, to) && count[0] < budget; i++) {
      if (!keep[i]) {
        keep[i] = true;
        count[0]++;
      }
    }
  }

  private static List<Row> rows(List<String> lines, boolean[] keep, Highlight[] highlight,
      AnsiText.State[] startState, int columns, boolean colours) {
    List<Row> rows = new ArrayList<>();
    int keepCells = columns * MAX_ROWS_PER_LINE;
    int gap = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!keep[i]) {
        gap++;
        continue;
      }
      if (gap > 0) {
        rows.add(omitted(gap));
        gap = 0;
      }
      AnsiText.Styled text =
          AnsiText.style(lines.get(i), startState[i].copy(), colours, keepCells);
      wrap(rows, i + 1, text, highlight[i], columns);
    }
    if (gap > 0) {
      rows.add(omitted(gap));
    }
    return rows;
  }

  private static Row omitted(int lines) {
    String text = String.format(Locale.ROOT, "… %,d line%s omitted …", lines,
        lines == 1 ? "" : "s");
    return new Row(Kind.OMITTED, 0, AnsiText.Styled.EMPTY, 0, 0, Highlight.NONE, text);
  }

  private static void wrap(List<Row> rows, int line, AnsiText.Styled text, Highlight highlight,
      int columns) {
    int length = text.length();
    int needed = Math.max(1, (length + columns - 1) / columns);
    if (needed <= MAX_ROWS_PER_LINE) {
      for (int r = 0; r < needed; r++) {
        rows.add(new Row(r == 0 ? Kind.LINE : Kind.CONTINUATION, line, text, r * columns,
            Math.min(length, (r + 1) * columns), highlight, ""));
      }
      return;
    }
    // the note ends the last row exactly: its length depends on the count it shows
    int cells = MAX_ROWS_PER_LINE * columns;
    int shown = cells - cutNote(length).length();
    String note = cutNote(length - shown);
    for (int k = 0; k < 3 && cells - note.length() != shown; k++) {
      shown = cells - note.length();
      note = cutNote(length - shown);
    }
    for (int r = 0; r < MAX_ROWS_PER_LINE; r++) {
      int from = r * columns;
      int to = Math.min(shown, (r + 1) * columns);
      rows.add(new Row(r == 0 ? Kind.LINE : Kind.CONTINUATION, line, text, from, to, highlight,
          r == MAX_ROWS_PER_LINE - 1 ? note : ""));
    }
  }

  private static String cutNote(int hidden) {
    return String.format(Locale.ROOT, " … %,d more characters", hidden);
  }
}
