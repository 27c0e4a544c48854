package dev.ratchet.rust.cargo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code cargo test --no-fail-fast} printed, stderr merged into stdout, cut into one part per
 * test binary and read as libtest's "pretty" format: {@code running N tests}, one {@code test name
 * ... ok|FAILED|ignored} line per test, the {@code failures:} sections, the {@code test result:}
 * line, and cargo's own {@code error: test failed} line after a binary that exited unsuccessfully.
 *
 * <p>This is a faithful reading, not a verdict: it keeps what lies where (result lines inside the
 * block, stray ones outside it, every summary line) so that {@link TestAccounting} can refuse an
 * output whose shape does not add up.
 *
 * @param preamble the lines before the first binary header (compiler output)
 * @param runs one entry per binary header, in order
 */
record LibtestReport(List<String> preamble, List<Run> runs) {

  private static final Pattern RUNNING = Pattern.compile("running (\\d{1,9}) tests?");
  private static final Pattern RESULT = Pattern.compile(
      "test (.+?) \\.\\.\\. (ok|FAILED|ignored(?:, .*)?)(?: <[0-9.]+s>)?");
  private static final Pattern MODE_SUFFIX =
      Pattern.compile(" - (?:should panic|compile fail|compile)$");
  private static final Pattern SUMMARY = Pattern.compile("test result: (ok|FAILED)\\. (\\d{1,9})"
      + " passed; (\\d{1,9}) failed; (\\d{1,9}) ignored; (\\d{1,9}) measured;"
      + " (\\d{1,9}) filtered out(?:; finished in .*)?");
  private static final Pattern FAILURE_HEADER = Pattern.compile("---- (.+) stdout ----");
  private static final Pattern CARGO_FAILED =
      Pattern.compile("error: (?:test|doctest|bench) failed, to rerun pass .*");
  private static final Pattern EXIT_DETAIL = Pattern.compile(
      "\\s*process didn't exit successfully: .* \\(((?:exit status|signal): [^)]*)\\)");
  private static final int MAX_FAILURE_LINES = 60;

  /** A test's own verdict line. */
  enum Verdict { OK, FAILED, IGNORED }

  /** One {@code test name ... verdict} line, the name without libtest's mode suffix. */
  record ResultLine(String name, Verdict verdict) {}

  /** The counts of a {@code test result:} line. */
  record Summary(boolean ok, int passed, int failed, int ignored, int measured, int filteredOut) {}

  /**
   * One binary's part of the output.
   *
   * @param binary the binary its header names
   * @param announced N of the first {@code running N tests} line; -1 when there was none
   * @param runningLines how many {@code running N tests} lines the part had
   * @param results the verdict lines between {@code running} and {@code failures:} or the summary
   * @param strayResults verdict-shaped lines anywhere else in the part
   * @param summaries every {@code test result:} line of the part
   * @param failures each {@code ---- name stdout ----} section, cleaned, by name
   * @param cargoSawFailure whether cargo said the binary failed (its exit status)
   * @param exitDetail cargo's account of the exit, such as {@code exit status: 3}; empty if none
   * @param lines the part's lines, for binaries that are not libtest
   */
  record Run(TestBinary binary, int announced, int runningLines, List<ResultLine> results,
      int strayResults, List<Summary> summaries, Map<String, String> failures,
      boolean cargoSawFailure, String exitDetail, List<String> lines) {}

  private enum State { BEFORE, RESULTS, FAILURES, AFTER }

  /** Reads the merged output of a test run. */
  static LibtestReport parse(String output) {
    TestBinary.Split split = TestBinary.split(Text.lines(output));
    return new LibtestReport(split.preamble(),
        split.parts().stream().map(LibtestReport::run).toList());
  }

  /** Whether any line looks like a libtest block (used to spot unmerged stderr). */
  static boolean hasRunningLine(List<String> lines) {
    return lines.stream().anyMatch(l -> RUNNING.matcher(l).matches());
  }

  private static Run run(TestBinary.Part part) {
    State state = State.BEFORE;
    int announced = -1;
    int runningLines = 0;
    int stray = 0;
    boolean cargoFailed = false;
    String exitDetail = "";
    List<ResultLine> results = new ArrayList<>();
    List<Summary> summaries = new ArrayList<>();
    Map<String, List<String>> failures = new LinkedHashMap<>();
    List<String> failure = null;
    for (String line : part.lines()) {
      Matcher m;
      if (CARGO_FAILED.matcher(line).matches()) {
        cargoFailed = true;
      } else if ((m = EXIT_DETAIL.matcher(line)).matches()) {
        exitDetail = m.group(1);
      } else if ((m = RUNNING.matcher(line)).matches()) {
        runningLines++;
        if (state == State.BEFORE) {
          announced = Integer.parseInt(m.group(1));
          state = State.RESULTS;
        }
      } else if ((m = SUMMARY.matcher(line)).matches()) {
        summaries.add(summary(m));
        failure = null;
        if (state != State.BEFORE) {
          state = State.AFTER;
        }
      } else if (state == State.RESULTS && line.equals("failures:")) {
        state = State.FAILURES;
      } else if (state == State.RESULTS && (m = RESULT.matcher(line)).matches()) {
        results.add(new ResultLine(MODE_SUFFIX.matcher(m.group(1)).replaceFirst(""),
            verdict(m.group(2))));
      } else if (state == State.FAILURES) {
        if ((m = FAILURE_HEADER.matcher(line)).matches()) {
          failure = failures.computeIfAbsent(m.group(1), k -> new ArrayList<>());
        } else if (line.equals("failures:")) {
          failure = null;
        } else if (failure != null) {
          failure.add(line);
        }
      } else if (RESULT.matcher(line).matches()) {
        stray++;
      }
    }
    Map<String, String> cleaned = new LinkedHashMap<>();
    failures.forEach((name, text) -> cleaned.put(name, clean(text)));
    return new Run(part.binary(), announced, runningLines, List.copyOf(results), stray,
        List.copyOf(summaries), cleaned, cargoFailed, exitDetail, part.lines());
  }

  private static Verdict verdict(String text) {
    return text.equals("ok") ? Verdict.OK
        : text.equals("FAILED") ? Verdict.FAILED : Verdict.IGNORED;
  }

  private static Summary summary(Matcher m) {
    return new Summary(m.group(1).equals("ok"), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
        Integer.parseInt(m.group(6)));
  }

  /**
   * A failure section without the backtrace, the "run with RUST_BACKTRACE" hint and surrounding
   * blank lines, at most {@value #MAX_FAILURE_LINES} lines.
   */
  static String clean(List<String> section) {
    List<String> kept = new ArrayList<>();
    boolean inBacktrace = false;
    for (String line : section) {
      if (line.equals("stack backtrace:")) {
        inBacktrace = true;
      } else if (inBacktrace && (line.startsWith(" ") || line.startsWith("note: Some details"))) {
        continue;
      } else {
        inBacktrace = false;
        if (!line.startsWith("note: run with `RUST_BACKTRACE=")) {
          kept.add(line);
        }
      }
    }
    int from = 0;
    int to = kept.size();
    while (from < to && kept.get(from).isBlank()) {
      from++;
    }
    while (to > from && kept.get(to - 1).isBlank()) {
      to--;
    }
    List<String> body = kept.subList(from, Math.min(to, from + MAX_FAILURE_LINES));
    String text = String.join("\n", body);
    return to - from > MAX_FAILURE_LINES
        ? text + "\n[" + (to - from - MAX_FAILURE_LINES) + " more lines]" : text;
  }
}
