package dev.ratchet.eval.repo;

import dev.ratchet.RatchetException;
import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.cargo.CargoBuild;
import dev.ratchet.rust.cargo.CargoMessages;
import dev.ratchet.rust.cargo.ManifestRules;
import dev.ratchet.rust.cargo.Manifests;
import dev.ratchet.rust.cargo.ModelSummary;
import dev.ratchet.rust.cargo.TestAccount;
import dev.ratchet.rust.cargo.TestAccounting;
import dev.ratchet.rust.cargo.TestCommands;
import dev.ratchet.sandbox.CommandEnvironment;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.workspace.Workspace;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A repository's own test suite, as the reference harnesses run it but with {@code
 * --no-fail-fast}: {@code cargo test --frozen --workspace} with {@code RUSTFLAGS=-Awarnings} (the
 * test command of SWE-bench Multilingual), so that a crate's old warnings never stop its tests
 * from building. Like the test gate of agent-rust-gates, it checks the manifests on the host,
 * fetches dependencies once, takes the listing first ({@code -- --list}, in the cargo call that
 * builds the tests with JSON diagnostics) and believes a test only when the {@link
 * TestAccounting} accounts for it.
 *
 * <p>With test names, it judges those: they are passed to libtest as filters (substring filters,
 * so every test whose libtest name equals a name runs; a few more may), and the gate passes when
 * each name passes by the rule of {@link TestNames}. Names are not passed as filters when one
 * starts with {@code -} or together they exceed {@value #MAX_FILTER_CHARS} characters; then the
 * whole suite runs. Without names, it judges the whole suite, for the loop (wrap it in {@code
 * RustGates.differential} so that tests failing on the base do not count).
 *
 * <p>Tests that do not compile are a FAIL with the compiler's diagnostics and no test outcomes;
 * {@link #judge} tells that stage apart, so a harness can count every named test as failing.
 */
final class SuiteTestGate implements Gate {

  /** The most characters of test names passed to libtest as filters. */
  static final int MAX_FILTER_CHARS = 64 * 1024;

  /** Room for the output of a large suite (the accounting needs every line). */
  private static final long OUTPUT_BYTES = 32L << 20;

  private static final int SUMMARY_BUDGET = 6000;

  private final String name;
  private final CargoEnvironment environment;
  private final List<String> cargoArgs;
  private final Map<String, String> env;
  private final Limits limits;
  private final ManifestRules manifests;
  private final List<String> names;
  private final String command;

  /**
   * A gate.
   *
   * @param cargoArgs the cargo arguments before {@code --no-fail-fast}, such as {@code test
   *     --frozen --workspace}
   * @param env variables added to the environment's, such as {@code RUSTFLAGS}
   * @param names the tests to judge; empty for the whole suite
   */
  SuiteTestGate(String name, CargoEnvironment environment, List<String> cargoArgs,
      Map<String, String> env, Limits limits, ManifestRules manifests, List<String> names) {
    this.name = Objects.requireNonNull(name, "name");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.cargoArgs = List.copyOf(cargoArgs);
    this.env = Map.copyOf(env);
    this.limits = limits.withOutputBytes(Math.max(limits.outputBytes(), OUTPUT_BYTES));
    this.manifests = Objects.requireNonNull(manifests, "manifests");
    this.names = List.copyOf(names);
    this.command = "cargo " + String.join(" ", cargoArgs);
  }

  /**
   * What a run found, and how far it got.
   *
   * @param result the gate's result
   * @param stage how far the run got
   * @param why for {@link Stage#DID_NOT_COMPILE} the compiler's first error; for {@link
   *     Stage#NOT_RUN} why nothing ran; for {@link Stage#RAN} the limit that stopped the run, or
   *     empty
   */
  record Judgement(GateResult result, Stage stage, String why) {
    Judgement {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(why, "why");
    }

    /** How far a run got. */
    enum Stage {
      /** Nothing was built: the manifests were refused, a limit stopped the build, or ERROR. */
      NOT_RUN,
      /** The tests do not compile. */
      DID_NOT_COMPILE,
      /** The tests were built and run (perhaps stopped by a limit: see {@code why}). */
      RAN
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GateResult run(GateContext context) {
    return judge(context).result();
  }

  /** Runs the tests and says whether they compiled and ran. */
  Judgement judge(GateContext context) {
    long start = System.nanoTime();
    Judgement j = judgeUntimed(context);
    GateResult timed = j.result().withDuration(Duration.ofNanos(System.nanoTime() - start));
    return new Judgement(timed, j.stage(), j.why());
  }

  private Judgement judgeUntimed(GateContext context) {
    Workspace workspace = context.workspace();
    List<String> violations = Manifests.check(workspace.root(), manifests).stream()
        .map(Object::toString).toList();
    if (!violations.isEmpty()) {
      String why = "the manifests were refused before any build (nothing ran): "
          + String.join("; ", violations);
      return new Judgement(GateResult.of(name, GateStatus.FAIL, why), Judgement.Stage.NOT_RUN,
          why);
    }
    try {
      environment.fetch(workspace.root());
    } catch (RatchetException e) {
      return new Judgement(GateResult.of(name, GateStatus.ERROR, e.getMessage()),
          Judgement.Stage.NOT_RUN, e.getMessage());
    }
    List<String> filters = filters();
    ExecResult listed;
    try {
      listed = exec(context, TestCommands.list(cargoArgs, filters));
    } catch (RatchetException e) {
      return new Judgement(GateResult.of(name, GateStatus.ERROR, "the sandbox failed: "
          + e.getMessage()), Judgement.Stage.NOT_RUN, e.getMessage());
    }
    String limit = limitLine(command + " -- --list", listed);
    CargoBuild build = CargoMessages.parse(listed.stdout(), CommandEnvironment.WORKSPACE);
    if (!limit.isEmpty()) {
      return new Judgement(result(GateStatus.FAIL, build.diagnostics(), List.of(), limit,
          listed), Judgement.Stage.NOT_RUN, limit);
    }
    // A binary that fails while listing, after a good build, is the accounting's to judge.
    if (!build.success().orElse(false)) {
      String why = compileFailure(build, listed);
      String summary = build.diagnostics().isEmpty()
          ? command + ": the tests do not build (" + listed.describe() + "):\n"
              + tail(listed.stdout(), 3000)
          : command + ": the tests do not compile, so none ran.\n" + ModelSummary.render(
              build.diagnostics(), List.of(), SUMMARY_BUDGET, workspace::read);
      return new Judgement(result(GateStatus.FAIL, build.diagnostics(), List.of(), summary,
          listed), Judgement.Stage.DID_NOT_COMPILE, why);
    }
    ExecResult ran;
    try {
      ran = exec(context, TestCommands.run(cargoArgs, filters, listed.stdout()));
    } catch (RatchetException e) {
      return new Judgement(GateResult.of(name, GateStatus.ERROR, "the sandbox failed: "
          + e.getMessage()), Judgement.Stage.NOT_RUN, e.getMessage());
    }
    limit = limitLine(command, ran);
    TestAccount account = TestAccounting.account(listed.stdout(), ran.stdout(),
        Manifests.harnessFalseTargets(workspace.root()));
    List<TestOutcome> tests = account.tests();
    boolean passed;
    List<TestOutcome> shown;
    if (names.isEmpty()) {
      passed = limit.isEmpty() && ran.exitCode() == 0 && account.allPassed();
      shown = tests;
    } else {
      shown = TestNames.judge(names, tests, "not found in the test run");
      passed = limit.isEmpty()
          && shown.stream().allMatch(t -> t.status() == TestOutcome.Status.PASSED);
    }
    long ok = count(tests, TestOutcome.Status.PASSED);
    long failed = count(tests, TestOutcome.Status.FAILED);
    String headline = command + ": " + ok + " passed, " + failed + " failed, "
        + (tests.size() - ok - failed) + " ignored"
        + (names.isEmpty() ? "" : "; of the " + names.size() + " judged tests "
            + count(shown, TestOutcome.Status.PASSED) + " passed");
    StringBuilder summary = new StringBuilder(limit.isEmpty() ? headline + "." : limit + "\n"
        + headline);
    if (!account.problems().isEmpty()) {
      summary.append("\nNot believed: ").append(String.join("; ", account.problems()));
    }
    if (!passed) {
      String details = ModelSummary.render(build.diagnostics().stream()
          .filter(d -> d.level() == Diagnostic.Level.ERROR).toList(), shown, SUMMARY_BUDGET,
          workspace::read);
      if (!details.isBlank()) {
        summary.append('\n').append(details);
      }
    }
    return new Judgement(result(passed ? GateStatus.PASS : GateStatus.FAIL, build.diagnostics(),
        tests, summary.toString(), ran), Judgement.Stage.RAN, limit);
  }

  /** The names as libtest filters; empty (the whole suite) when they cannot be passed safely. */
  List<String> filters() {
    if (names.isEmpty()) {
      return List.of();
    }
    int chars = 0;
    for (String n : names) {
      chars += n.length() + 1;
      if (n.startsWith("-") || n.indexOf('\0') >= 0) {
        return List.of();
      }
    }
    return chars > MAX_FILTER_CHARS ? List.of() : names;
  }

  /**
   * Runs {@code cargo ARGS extra --no-fail-fast -- [--list] FILTERS} with stderr merged into
   * stdout (cargo's binary headers are on stderr, libtest's lines on stdout).
   */
  private ExecResult exec(GateContext context, List<String> argv) {
    return context.sandbox().exec(environment.command(context.workspace().root(),
        CargoEnvironment.Channel.STABLE, argv, env, limits));
  }

  /** The compiler's first error as one line, or cargo's status when it gave none. */
  private static String compileFailure(CargoBuild build, ExecResult listed) {
    List<Diagnostic> errors = build.at(Diagnostic.Level.ERROR);
    if (errors.isEmpty()) {
      return "cargo " + listed.describe() + " without a compiler error (see the log)";
    }
    Diagnostic first = errors.get(0);
    String where = first.location().isEmpty() ? "" : first.location() + ": ";
    return where + "error" + (first.code().isEmpty() ? "" : "[" + first.code() + "]") + ": "
        + first.message()
        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "");
  }

  private String limitLine(String what, ExecResult r) {
    List<String> hit = r.limitsHit().stream()
        .filter(l -> l != ExecResult.Limit.OUTPUT)
        .map(limits::describe)
        .toList();
    return hit.isEmpty() ? "" : what + " was stopped by " + String.join(" and ", hit)
        + ", so the tests did not finish";
  }

  private GateResult result(GateStatus status, List<Diagnostic> diagnostics,
      List<TestOutcome> tests, String summary, ExecResult log) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("tests", (double) tests.size());
    return new GateResult(name, status, diagnostics, tests, metrics, summary,
        log.stderr().isEmpty() ? log.stdout() : log.stdout() + "\n--- stderr ---\n"
            + log.stderr(), Duration.ZERO);
  }

  private static long count(List<TestOutcome> tests, TestOutcome.Status status) {
    return tests.stream().filter(t -> t.status() == status).count();
  }

  private static String tail(String s, int max) {
    String lines = s.lines().filter(l -> !l.startsWith("{")).collect(Collectors.joining("\n"));
    return lines.length() <= max ? lines : "..." + lines.substring(lines.length() - max);
  }
}
