package dev.ratchet.rust.cargo;

import dev.ratchet.gate.TestOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a {@code cargo test --no-fail-fast} run test by test against the listing taken before it
 * ({@code cargo test --no-fail-fast -- --list}). Both outputs must have cargo's stderr merged into
 * stdout ({@code 2>&1}): the binary headers are on stderr, libtest's lines on stdout.
 *
 * <p>The code under test can write anything to stdout, including lines that look like libtest's.
 * So a test counts as passed only when its own {@code ... ok} line lies inside its binary's block
 * (after {@code running N tests}, before {@code failures:} or the summary) and the block adds up:
 * one {@code running} line, one {@code test result:} line, N equal to the listed tests, one result
 * line per listed test and no other, summary counts equal to the lines seen, and the summary's
 * verdict matching cargo's view of the binary's exit status. A binary whose block does not add up
 * fails as a whole, with the reason. A binary without a {@code test result:} line (a test called
 * {@code process::exit}, or the process aborted) fails as a whole even if cargo exited 0.
 *
 * <p>Not detectable from text: a test that writes a complete, coherent report for its whole
 * binary and then exits with status 0 before libtest reports. Running with {@code
 * --test-threads=1} makes that harder (libtest writes {@code test name ... } before each test
 * runs, so a forger can only append to its own line and cannot undo lines already written), but
 * only a trusted runner outside the tested process can close it. Do not run with {@code
 * --nocapture}: then ordinary {@code println!} output lands inside the block.
 *
 * <p>{@code harness = false} targets have no libtest and are judged by their exit status alone;
 * the caller names them (from the manifests, see {@link Manifests#harnessFalseTargets}), since a
 * binary that lists nothing might equally be a libtest binary that exited while listing.
 */
public final class TestAccounting {

  static final String EXITED_EARLY =
      "its test binary exited before reporting (no 'test result' line): process::exit or abort?";
  static final String NEVER_REPORTED = "never reported";

  private TestAccounting() {}

  /** Accounts a run whose targets all use libtest. */
  public static TestAccount account(String listOutput, String runOutput) {
    return account(listOutput, runOutput, Set.of());
  }

  /**
   * Accounts a run.
   *
   * @param listOutput {@code cargo test --no-fail-fast [args] -- --list}, stderr merged
   * @param runOutput {@code cargo test --no-fail-fast [args]} with the same args, stderr merged
   * @param harnessFalseTargets the names of targets declared {@code harness = false}
   */
  public static TestAccount account(String listOutput, String runOutput,
      Set<String> harnessFalseTargets) {
    Objects.requireNonNull(listOutput, "listOutput");
    Objects.requireNonNull(runOutput, "runOutput");
    Set<String> harnessFree = Set.copyOf(harnessFalseTargets);
    List<TestListing.Listed> listing = TestListing.parse(listOutput);
    LibtestReport report = LibtestReport.parse(runOutput);
    Map<String, List<LibtestReport.Run>> runs = new LinkedHashMap<>();
    for (LibtestReport.Run run : report.runs()) {
      runs.computeIfAbsent(run.binary().header(), h -> new ArrayList<>()).add(run);
    }
    Ledger ledger = new Ledger();
    if (listing.isEmpty()) {
      ledger.binaryFails("(test listing)", "the listing names no test binary: did the build"
          + " fail, or was cargo's stderr not merged into stdout (2>&1)?");
    }
    if (report.runs().isEmpty() && LibtestReport.hasRunningLine(report.preamble())) {
      ledger.problems.add("the run has libtest output but no 'Running' headers: merge cargo's"
          + " stderr into stdout (2>&1)");
    }
    Set<String> listedHeaders = new HashSet<>();
    for (TestListing.Listed listed : listing) {
      if (!listedHeaders.add(listed.binary().header())) {
        ledger.binaryFails(listed.binary().label(), "the listing names this binary twice");
        continue;
      }
      List<LibtestReport.Run> found = runs.getOrDefault(listed.binary().header(), List.of());
      if (found.isEmpty() && emptyDocTests(listed)) {
        continue; // nothing to run, so the run may leave rustdoc out (see listsNoDocTests)
      }
      if (!listed.libtest() && listed.binary().isTarget(harnessFree)) {
        judgeByExit(listed.binary(), found, ledger);
      } else if (!listed.libtest()) {
        ledger.binaryFails(listed.binary().label(), "its listing has no 'N tests, M benchmarks'"
            + " line: it exited while listing, or it is a harness = false target that was not"
            + " declared as one");
      } else {
        judge(listed, found, ledger);
      }
    }
    runs.forEach((header, list) -> {
      if (!listedHeaders.contains(header)) {
        ledger.binaryFails(list.get(0).binary().label(), "it ran but the listing does not have it"
            + " (a forged header, or the tree changed between listing and run)");
      }
    });
    return ledger.account();
  }

  /**
   * Whether the listing has doc tests parts and none of them lists a test: then running rustdoc
   * again would run nothing, and the run may leave doc tests out ({@code cargo test --tests} runs
   * every other test the plain command runs). The accounting does not miss the parts it leaves
   * out. A crate without doc tests saves rustdoc's second parse of the crate, about a tenth of the
   * test gate on a small crate.
   */
  public static boolean listsNoDocTests(String listOutput) {
    List<TestListing.Listed> docs = TestListing.parse(listOutput).stream()
        .filter(l -> l.binary().kind() == TestBinary.Kind.DOC).toList();
    return !docs.isEmpty() && docs.stream().allMatch(TestAccounting::emptyDocTests);
  }

  private static boolean emptyDocTests(TestListing.Listed listed) {
    return listed.binary().kind() == TestBinary.Kind.DOC && listed.libtest()
        && listed.problem().isEmpty() && listed.tests().isEmpty();
  }

  private static void judgeByExit(TestBinary binary, List<LibtestReport.Run> found,
      Ledger ledger) {
    String name = binary.artifact() + " [harness = false]";
    if (found.size() != 1) {
      ledger.fail(binary, name, found.isEmpty() ? NEVER_REPORTED + ": it did not run"
          : "its header appeared " + found.size() + " times");
      return;
    }
    LibtestReport.Run run = found.get(0);
    if (!run.cargoSawFailure()) {
      ledger.add(binary, name, TestOutcome.Status.PASSED, "");
      return;
    }
    List<String> output = new ArrayList<>();
    for (String line : run.lines()) {
      if (line.startsWith("error: test failed, to rerun pass")) {
        break;
      }
      output.add(line);
    }
    List<String> tail = output.subList(Math.max(0, output.size() - 20), output.size());
    ledger.fail(binary, name, "it exited unsuccessfully"
        + (run.exitDetail().isEmpty() ? "" : " (" + run.exitDetail() + ")")
        + "; a harness = false target is judged by its exit status only."
        + (tail.isEmpty() ? "" : " Its last output:\n" + String.join("\n", tail)));
  }

  private static void judge(TestListing.Listed listed, List<LibtestReport.Run> found,
      Ledger ledger) {
    TestBinary binary = listed.binary();
    if (found.isEmpty()) {
      String why = NEVER_REPORTED + ": its test binary did not run (the build failed, or cargo"
          + " stopped early: use --no-fail-fast)";
      listed.tests().forEach(t -> ledger.fail(binary, t, why));
      ledger.problems.add(binary.label() + ": it did not run");
      return;
    }
    if (found.size() > 1) {
      String why = "its test binary's header appeared " + found.size() + " times, so its output"
          + " cannot be attributed";
      listed.tests().forEach(t -> ledger.fail(binary, t, why));
      ledger.problems.add(binary.label() + ": " + why);
      return;
    }
    LibtestReport.Run run = found.get(0);
    Optional<String> doubt = listed.problem().isEmpty()
        ? doubt(listed, run) : Optional.of(listed.problem());
    // A test reported twice (a forgery, or a confused binary) keeps its worst verdict.
    Map<String, LibtestReport.Verdict> verdicts = new HashMap<>();
    run.results().forEach(r -> verdicts.merge(r.name(), r.verdict(),
        (a, b) -> a == LibtestReport.Verdict.FAILED ? a : b));
    if (doubt.isPresent()) {
      ledger.problems.add(binary.label() + ": " + doubt.get());
    }
    for (String test : listed.tests()) {
      LibtestReport.Verdict verdict = verdicts.get(test);
      String failure = run.failures().getOrDefault(test, "");
      if (doubt.isEmpty() && verdict == null) {
        ledger.fail(binary, test, NEVER_REPORTED);
      } else if (doubt.isEmpty()) {
        switch (verdict) {
          case OK -> ledger.add(binary, test, TestOutcome.Status.PASSED, "");
          case IGNORED -> ledger.add(binary, test, TestOutcome.Status.IGNORED, "");
          case FAILED -> ledger.fail(binary, test,
              failure.isEmpty() ? "failed (libtest printed no failure output)" : failure);
        }
      } else {
        boolean exitedEarly = run.summaries().isEmpty() && run.announced() >= 0;
        ledger.fail(binary, test, doubted(doubt.get(), exitedEarly, verdict, failure));
      }
    }
  }

  private static String doubted(String why, boolean exitedEarly, LibtestReport.Verdict verdict,
      String failure) {
    if (exitedEarly) {
      if (verdict == null) {
        return why + "\nThis test printed no result line.";
      }
      return why + (verdict == LibtestReport.Verdict.FAILED
          ? "\nIt had failed before that" + (failure.isEmpty() ? "." : ":\n" + failure)
          : "\nIts own line said " + verdict.name().toLowerCase(Locale.ROOT)
              + ", which does not count.");
    }
    if (verdict == null) {
      return NEVER_REPORTED + ": " + why;
    }
    if (verdict == LibtestReport.Verdict.FAILED) {
      return (failure.isEmpty() ? "failed" : failure) + "\n(" + why + ")";
    }
    return "its own line said " + verdict.name().toLowerCase(Locale.ROOT)
        + ", which does not count: " + why;
  }

  /** Why a libtest binary's block cannot be believed; empty when it adds up. */
  static Optional<String> doubt(TestListing.Listed listed, LibtestReport.Run run) {
    String exit = run.exitDetail().isEmpty() ? "" : " (" + run.exitDetail() + ")";
    if (run.summaries().isEmpty()) {
      return Optional.of(run.announced() < 0
          ? "its test binary printed no 'running N tests' line: it crashed or exited before"
              + " libtest started" + exit
          : EXITED_EARLY + exit);
    }
    if (run.runningLines() != 1) {
      return Optional.of("its output has " + run.runningLines() + " 'running N tests' lines;"
          + " libtest prints one");
    }
    if (run.summaries().size() != 1) {
      return Optional.of("its output has " + run.summaries().size() + " 'test result' lines;"
          + " libtest prints one");
    }
    if (run.strayResults() > 0) {
      return Optional.of("its output has " + Text.count(run.strayResults(), "test result line",
          "test result lines") + " outside libtest's block (printed by the code under test?)");
    }
    if (run.announced() != listed.tests().size()) {
      return Optional.of("it announced 'running " + run.announced() + " tests' but the listing"
          + " has " + listed.tests().size());
    }
    if (run.results().size() != run.announced()) {
      return Optional.of("it printed " + Text.count(run.results().size(), "result line",
          "result lines") + " for " + Text.count(run.announced(), "test", "tests")
          + (run.results().size() > run.announced()
              ? " (a test wrote to stdout past libtest's capture?)"
              : " (libtest's pretty format is needed: no -q, no --format terse)"));
    }
    Set<String> listedNames = Set.copyOf(listed.tests());
    Set<String> seen = new HashSet<>();
    int ok = 0;
    int failed = 0;
    int ignored = 0;
    for (LibtestReport.ResultLine r : run.results()) {
      if (!seen.add(r.name())) {
        return Optional.of("it reported test '" + r.name() + "' twice");
      }
      if (!listedNames.contains(r.name())) {
        return Optional.of("it reported test '" + r.name() + "', which the listing does not have");
      }
      switch (r.verdict()) {
        case OK -> ok++;
        case FAILED -> failed++;
        case IGNORED -> ignored++;
      }
    }
    LibtestReport.Summary s = run.summaries().get(0);
    if (s.passed() != ok || s.failed() != failed || s.ignored() != ignored) {
      return Optional.of("its 'test result' line counts " + s.passed() + " passed, " + s.failed()
          + " failed, " + s.ignored() + " ignored, but its result lines say " + ok + ", " + failed
          + ", " + ignored);
    }
    if (s.ok() != (failed == 0)) {
      return Optional.of("its 'test result' line says " + (s.ok() ? "ok" : "FAILED")
          + " with " + Text.count(failed, "failure", "failures"));
    }
    if (s.ok() && run.cargoSawFailure()) {
      return Optional.of("cargo says it exited unsuccessfully" + exit
          + " although its 'test result' line says ok");
    }
    if (!s.ok() && !run.cargoSawFailure()) {
      return Optional.of("its 'test result' line says FAILED but cargo saw it exit successfully");
    }
    return Optional.empty();
  }

  /** Collects outcomes, then names them: crate path, made unique by the binary when needed. */
  private static final class Ledger {
    private record Entry(TestBinary binary, String test, TestOutcome.Status status,
        String message) {}

    private final List<Entry> entries = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    void add(TestBinary binary, String test, TestOutcome.Status status, String message) {
      entries.add(new Entry(binary, test, status, message));
    }

    void fail(TestBinary binary, String test, String message) {
      add(binary, test, TestOutcome.Status.FAILED, message);
    }

    /** A failure of a whole binary (or of the listing), named by its label. */
    void binaryFails(String label, String why) {
      problems.add(label + ": " + why);
      entries.add(new Entry(null, label, TestOutcome.Status.FAILED, why));
    }

    TestAccount account() {
      Map<String, Integer> uses = new HashMap<>();
      entries.forEach(e -> uses.merge(name(e), 1, Integer::sum));
      List<TestOutcome> tests = entries.stream().map(e -> {
        String name = name(e);
        if (uses.get(name) > 1 && e.binary() != null) {
          name = name + " [" + e.binary().label() + "]";
        }
        return new TestOutcome(name, e.status(), e.message(), Duration.ZERO);
      }).toList();
      return new TestAccount(tests, problems);
    }

    private static String name(Entry e) {
      return e.binary() == null || e.test().endsWith(" [harness = false]")
          ? e.test() : e.binary().qualify(e.test());
    }
  }
}
