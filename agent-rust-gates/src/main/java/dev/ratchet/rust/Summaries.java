package dev.ratchet.rust;

import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.rust.cargo.ModelSummary;
import dev.ratchet.workspace.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gates' summaries for a model: what failed, most important first, inside a budget, and for
 * each diagnostic whether the change under judgement touched its lines.
 */
final class Summaries {

  /** Characters a gate's summary may take. */
  static final int BUDGET = 6000;

  private static final Pattern FILE = Pattern.compile("^\\+\\+\\+ b/(.+)$");
  private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@");

  private Summaries() {}

  /** A headline and the rendered diagnostics and failing tests. */
  static String render(String headline, List<Diagnostic> diagnostics, List<TestOutcome> tests,
      Workspace workspace) {
    List<Diagnostic> marked = markEdited(diagnostics, changedLines(workspace));
    // A headline may carry many reasons (tests not believed, Loom's report): it gets half the
    // budget at most, so the diagnostics always have room.
    String head = headline.length() <= BUDGET / 2 ? headline
        : headline.substring(0, BUDGET / 2 - 1) + "…";
    String body = ModelSummary.render(marked, tests, BUDGET - head.length() - 1,
        workspace::read);
    return body.isEmpty() ? head : head + "\n" + body;
  }

  /** For a compile gate: a count line, then the diagnostics. */
  static String diagnostics(String command, List<Diagnostic> diagnostics, Workspace workspace) {
    long errors = diagnostics.stream().filter(d -> d.level() == Diagnostic.Level.ERROR).count();
    long warnings = diagnostics.stream()
        .filter(d -> d.level() == Diagnostic.Level.WARNING).count();
    return render(command + ": " + errors + " error(s), " + warnings + " warning(s)"
        + " (warnings are denied).", diagnostics, List.of(), workspace);
  }

  static String tail(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - max);
  }

  /** The new-side line ranges of the change from the base, per file. */
  static List<Range> changedLines(Workspace workspace) {
    List<Range> ranges = new ArrayList<>();
    String file = null;
    String diff;
    try {
      diff = workspace.diff();
    } catch (RuntimeException e) {
      return ranges;
    }
    for (String line : diff.split("\n")) {
      Matcher f = FILE.matcher(line);
      if (f.matches()) {
        file = f.group(1);
        continue;
      }
      Matcher h = HUNK.matcher(line);
      if (h.find() && file != null) {
        int start = Integer.parseInt(h.group(1));
        int count = h.group(2) == null ? 1 : Integer.parseInt(h.group(2));
        ranges.add(new Range(file, start, start + Math.max(count, 1) - 1, ranges.size() + 1));
      }
    }
    return ranges;
  }

  /** A hunk's lines on the new side, numbered in the diff's order. */
  record Range(String file, int from, int to, int hunk) {
    boolean covers(Diagnostic d) {
      return d.file().equals(file) && d.line() >= from && d.line() <= to;
    }
  }

  /** Prefixes the message of each diagnostic that lies in a changed hunk. */
  static List<Diagnostic> markEdited(List<Diagnostic> diagnostics, List<Range> ranges) {
    List<Diagnostic> out = new ArrayList<>(diagnostics.size());
    for (Diagnostic d : diagnostics) {
      Optional<Range> hit = ranges.stream().filter(r -> r.covers(d)).findFirst();
      out.add(hit.map(r -> new Diagnostic(d.level(), d.code(), "[in your change, hunk " + r.hunk()
          + " of the diff, lines " + r.from() + "-" + r.to() + "] " + d.message(), d.file(),
          d.line(), d.column(), d.rendered(), d.suggestions())).orElse(d));
    }
    return out;
  }
}
