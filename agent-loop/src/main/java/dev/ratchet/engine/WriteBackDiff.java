package dev.ratchet.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders the files a command changed as one git-style unified diff, for the workspace to apply
 * (and its path guard to judge) like any model edit.
 *
 * <p>The diff is written so that the lenient patch parser reads it exactly: hunks carry true line
 * numbers and three lines of context (a Myers line diff, or one replacement block when the change
 * is too large to diff cheaply); within a run of changes the added lines come before the removed
 * ones, so no removed line is ever followed by an added one (a {@code ---}/{@code +++} pair would
 * read as a file header); and a context line that a parser could take for a markdown fence or a
 * search/replace marker is sent as a removed and re-added line instead. Created files are {@code
 * new file mode 100644}, deleted files a header without hunks. File modes are not carried.
 */
final class WriteBackDiff {
  static final int CONTEXT = 3;
  /** Beyond this many changed lines the middle of a file is sent as one replacement block. */
  static final int MAX_EDIT_DISTANCE = 2_000;
  /** Beyond this many lines (old plus new, after the common ends) no line diff is tried. */
  static final int MAX_DIFF_LINES = 200_000;

  private static final byte EQ = 0;
  private static final byte DEL = 1;
  private static final byte INS = 2;

  private WriteBackDiff() {}

  /** What happened to a file. */
  enum Kind {
    CREATED,
    MODIFIED,
    DELETED
  }

  /**
   * One changed file.
   *
   * @param path the path relative to the tree, with {@code /}
   * @param kind what happened to it
   * @param oldText the content before (empty for a created file)
   * @param newText the content after (empty for a deleted file)
   */
  record FileChange(String path, Kind kind, String oldText, String newText) {
    FileChange {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(oldText, "oldText");
      Objects.requireNonNull(newText, "newText");
    }
  }

  /** A line without its ending, and whether a newline ended it. */
  record Line(String text, boolean eol) {}

  /** Whether two texts have the same lines (line endings, CRLF or LF, aside). */
  static boolean sameLines(String a, String b) {
    return lines(a).equals(lines(b));
  }

  /** The diff of all changes, in the order given. */
  static String render(List<FileChange> changes) {
    StringBuilder out = new StringBuilder();
    for (FileChange c : changes) {
      out.append("diff --git ").append(quoted("a/", c.path())).append(' ')
          .append(quoted("b/", c.path())).append('\n');
      switch (c.kind()) {
        case CREATED -> {
          out.append("new file mode 100644\n--- /dev/null\n+++ ")
              .append(quoted("b/", c.path())).append('\n');
          hunks(out, List.of(), lines(c.newText()));
        }
        case DELETED -> out.append("deleted file mode 100644\n");
        case MODIFIED -> {
          out.append("--- ").append(quoted("a/", c.path())).append("\n+++ ")
              .append(quoted("b/", c.path())).append('\n');
          hunks(out, lines(c.oldText()), lines(c.newText()));
        }
        default -> throw new IllegalStateException(c.kind().toString());
      }
    }
    return out.toString();
  }

  static List<Line> lines(String s) {
    List<Line> lines = new ArrayList<>();
    int start = 0;
    while (start < s.length()) {
      int nl = s.indexOf('\n', start);
      if (nl < 0) {
        lines.add(new Line(s.substring(start), false));
        break;
      }
      int end = nl > start && s.charAt(nl - 1) == '\r' ? nl - 1 : nl;
      lines.add(new Line(s.substring(start, end), true));
      start = nl + 1;
    }
    return lines;
  }

  private static void hunks(StringBuilder out, List<Line> a, List<Line> b) {
    byte[] script = script(a, b);
    int n = script.length;
    int[] ai = new int[n + 1];
    int[] bi = new int[n + 1];
    for (int k = 0; k < n; k++) {
      ai[k + 1] = ai[k] + (script[k] != INS ? 1 : 0);
      bi[k + 1] = bi[k] + (script[k] != DEL ? 1 : 0);
    }
    int k = 0;
    while (k < n) {
      while (k < n && script[k] == EQ) {
        k++;
      }
      if (k == n) {
        break;
      }
      int start = Math.max(0, k - CONTEXT);
      int j = k;
      int end;
      while (true) {
        while (j < n && script[j] != EQ) {
          j++;
        }
        end = j;
        int m = j;
        while (m < n && script[m] == EQ) {
          m++;
        }
        if (m < n && m - j <= 2 * CONTEXT) {
          j = m;
          continue;
        }
        break;
      }
      int stop = Math.min(n, end + CONTEXT);
      hunk(out, a, b, script, ai, bi, start, stop);
      k = stop;
    }
  }

  private static void hunk(StringBuilder out, List<Line> a, List<Line> b, byte[] script,
      int[] ai, int[] bi, int start, int stop) {
    int oldCount = ai[stop] - ai[start];
    int newCount = bi[stop] - bi[start];
    out.append("@@ -").append(oldCount == 0 ? ai[start] : ai[start] + 1).append(',')
        .append(oldCount).append(" +").append(newCount == 0 ? bi[start] : bi[start] + 1)
        .append(',').append(newCount).append(" @@\n");
    List<Line> added = new ArrayList<>();
    List<Line> removed = new ArrayList<>();
    for (int k = start; k < stop; k++) {
      switch (script[k]) {
        case DEL -> removed.add(a.get(ai[k]));
        case INS -> added.add(b.get(bi[k]));
        default -> {
          Line line = a.get(ai[k]);
          if (looksLikeMarkup(line.text())) {
            removed.add(line);
            added.add(line);
          } else {
            flush(out, added, removed);
            line(out, ' ', line);
          }
        }
      }
    }
    flush(out, added, removed);
  }

  private static void flush(StringBuilder out, List<Line> added, List<Line> removed) {
    added.forEach(l -> line(out, '+', l));
    removed.forEach(l -> line(out, '-', l));
    added.clear();
    removed.clear();
  }

  private static void line(StringBuilder out, char prefix, Line line) {
    out.append(prefix).append(line.text()).append('\n');
    if (!line.eol()) {
      out.append("\\ No newline at end of file\n");
    }
  }

  /** A line the patch parser could read as a fence or a search/replace marker once indented. */
  private static boolean looksLikeMarkup(String text) {
    String t = text.strip();
    return t.startsWith("```") || t.startsWith("~~~") || t.startsWith("<<<<<")
        || t.startsWith("=====") || t.startsWith(">>>>>");
  }

  /** The edit script: one of EQ, DEL, INS per step, turning {@code a} into {@code b}. */
  static byte[] script(List<Line> a, List<Line> b) {
    Map<Line, Integer> ids = new HashMap<>();
    int[] x = new int[a.size()];
    int[] y = new int[b.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = ids.computeIfAbsent(a.get(i), l -> ids.size());
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = ids.computeIfAbsent(b.get(i), l -> ids.size());
    }
    int n = x.length;
    int m = y.length;
    int pre = 0;
    while (pre < n && pre < m && x[pre] == y[pre]) {
      pre++;
    }
    int suf = 0;
    while (suf < n - pre && suf < m - pre && x[n - 1 - suf] == y[m - 1 - suf]) {
      suf++;
    }
    Bytes out = new Bytes(n + m);
    out.repeat(EQ, pre);
    middle(Arrays.copyOfRange(x, pre, n - suf), Arrays.copyOfRange(y, pre, m - suf), out);
    out.repeat(EQ, suf);
    return out.toArray();
  }

  private static void middle(int[] a, int[] b, Bytes out) {
    int n = a.length;
    int m = b.length;
    if (n == 0 || m == 0 || n + m > MAX_DIFF_LINES || !myers(a, b, out)) {
      out.repeat(DEL, n);
      out.repeat(INS, m);
    }
  }

  /** Myers' O(ND) diff; false when the distance exceeds {@link #MAX_EDIT_DISTANCE}. */
  private static boolean myers(int[] a, int[] b, Bytes out) {
    int n = a.length;
    int m = b.length;
    int max = n + m;
    int off = max + 1;
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>();
    int limit = Math.min(max, MAX_EDIT_DISTANCE);
    for (int d = 0; d <= limit; d++) {
      for (int k = -d; k <= d; k += 2) {
        int x = k == -d || (k != d && v[off + k - 1] < v[off + k + 1])
            ? v[off + k + 1] : v[off + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a[x] == b[y]) {
          x++;
          y++;
        }
        v[off + k] = x;
        if (x >= n && y >= m) {
          trace.add(Arrays.copyOfRange(v, off - d, off + d + 1));
          backtrack(trace, n, m, out);
          return true;
        }
      }
      trace.add(Arrays.copyOfRange(v, off - d, off + d + 1));
    }
    return false;
  }

  private static void backtrack(List<int[]> trace, int n, int m, Bytes out) {
    Bytes reversed = new Bytes(n + m);
    int x = n;
    int y = m;
    for (int d = trace.size() - 1; d > 0; d--) {
      int[] prev = trace.get(d - 1); // step d - 1: index k + (d - 1)
      int k = x - y;
      int prevK = k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]) ? k + 1 : k - 1;
      int prevX = prev[prevK + d - 1];
      int prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        reversed.add(EQ);
        x--;
        y--;
      }
      reversed.add(prevK == k + 1 ? INS : DEL);
      x = prevX;
      y = prevY;
    }
    while (x > 0 && y > 0) {
      reversed.add(EQ);
      x--;
      y--;
    }
    byte[] r = reversed.toArray();
    for (int i = r.length - 1; i >= 0; i--) {
      out.add(r[i]);
    }
  }

  /** Quotes a path as git does when it holds anything but plain characters. */
  static String quoted(String prefix, String path) {
    String p = prefix + path;
    boolean plain = p.chars().allMatch(c -> c < 0x80
        && (Character.isLetterOrDigit(c) || "._-/+@,=~%".indexOf(c) >= 0));
    if (plain) {
      return p;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\%03o", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A growable byte array. */
  private static final class Bytes {
    private byte[] data;
    private int size;

    Bytes(int capacity) {
      data = new byte[Math.max(16, capacity)];
    }

    void add(byte b) {
      if (size == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = b;
    }

    void repeat(byte b, int times) {
      for (int i = 0; i < times; i++) {
        add(b);
      }
    }

    byte[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
