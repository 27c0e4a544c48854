package dev.ratchet.eval.repo;

import dev.ratchet.RatchetException;
import dev.ratchet.action.Action;
import dev.ratchet.action.InvalidCall;
import dev.ratchet.engine.AgentLoop;
import dev.ratchet.eval.InstanceResult;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.loop.LoopListener;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.Attachment;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.policy.Budget;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustGates;
import dev.ratchet.rust.cargo.ManifestRules;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.sandbox.docker.DockerSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one repository instance end to end and judges it, as SWE-bench does but with Rust's test
 * harness read test by test.
 *
 * <ol>
 *   <li>A private repository at the base commit, in a new temporary directory: {@code git clone
 *       --shared --no-checkout} of the user's clone, then a checkout of the base (a plain folder
 *       is copied and committed). The user's clone is only read.
 *   <li>The answer. A {@linkplain Solver#model model} runs the {@link AgentLoop} on a {@link
 *       GitWorkspace} of that repository (task = the problem statement; the loop's scratch
 *       branch stays in the private repository, so nothing else is touched), and its answer is
 *       the diff from the base to the tree the loop kept. {@linkplain Solver#gold Gold} is the
 *       data set's fix; {@linkplain Solver#empty empty} is no change. The model never sees the
 *       test patch: it is not in the repository, and the sandbox sees only the loop's work
 *       tree, never the clone's history.
 *   <li>The answer, then the test patch, applied with {@code git apply} (all or nothing; a clean
 *       three-way apply as fallback) and committed. Files are not reset to the base before the
 *       test patch (SWE-bench does so for Python's separate test files; a Rust crate keeps unit
 *       tests in the files the fix changes). A patch that does not apply leaves the instance
 *       unresolved, with git's reason.
 *   <li>The named tests: {@code cargo test --frozen --workspace --no-fail-fast} in the sandbox,
 *       with {@code RUSTFLAGS=-Awarnings} (SWE-bench Multilingual's flags) and the names as
 *       libtest filters, every test accounted for against the listing taken first. Tests that do
 *       not compile with the test patch count as the failing state: every named test fails, with
 *       the compiler's first error as the reason (the reference harness reads that as "no
 *       tests").
 *   <li>Matching. Data sets name tests as libtest prints them ({@code tests::foo}, {@code
 *       module::tests::bar}, an integration test's bare {@code baz}, a doc test's {@code
 *       src/lib.rs - add (line 5)}); the accounting qualifies each with its target ({@code
 *       mycrate::tests::foo}, {@code cli::baz}; doc tests as they are) and, when two binaries
 *       share a name, appends the binary in brackets. A name matches an outcome whose name,
 *       without the bracketed binary, equals it or is one target segment (no {@code ::}, no
 *       space) then {@code ::} then the name: {@code tests::foo} matches {@code
 *       mycrate::tests::foo} but not {@code mycrate::other::tests::foo}. A name found in several
 *       binaries passes only when it passes in all; a name found nowhere fails ("not found in the
 *       test run"); an ignored test does not pass.
 *   <li>Resolved iff every fail-to-pass test passes and every pass-to-pass test passes.
 * </ol>
 *
 * <p>The loop's own gates are, by default, {@code RustGates.differential} of {@code build}
 * (warnings denied) and of the crate's test suite (warnings allowed, as judged): the model hears
 * about compiler errors, new warnings and tests it broke, but not about what the base already
 * had wrong. Neither fmt nor clippy: the data sets judge behaviour, and style gates would push a
 * model to edit code the issue is not about. The suite gate builds with the same flags as the
 * judgement, so the final test run reuses the loop's build. The default policy accepts the first
 * change that keeps these gates green; pass another through {@link Builder#configureLoop} to let
 * a model go on until it says it is done.
 *
 * <p>A broken environment (no clone, a missing base commit, a failed fetch, an unavailable
 * sandbox, a loop that failed because the model server did) is a {@link RatchetException}, so
 * no result is recorded and a rerun tries again; everything the answer causes is a result.
 */
public final class RepoInstanceRunner {

  /** The name of the gate that runs the named tests. */
  private static final String TESTS_GATE = "tests";

  private static final List<String> TEST_COMMAND = List.of("test", "--frozen", "--workspace");
  private static final Map<String, String> TEST_ENV = Map.of("RUSTFLAGS", "-Awarnings");
  private static final String LOOP_RUN = "solve";
  private static final String JUDGE_RUN = "judge";
  private static final Pattern PANIC =
      Pattern.compile("thread '.*' (?:\\(\\d+\\) )?panicked at (.+):");

  private final Sandboxes sandboxes;
  private final CargoEnvironment environment;
  private final Supplier<List<Gate>> loopGates;
  private final Budget budget;
  private final Path workDir;
  private final Limits testLimits;
  private final List<String> testCommand;
  private final Map<String, String> testEnv;
  private final ManifestRules manifestRules;
  private final BiConsumer<RepoInstance, AgentLoop.Builder> configureLoop;
  private final boolean keepWorkDirs;
  private final Clock clock;

  private RepoInstanceRunner(Builder b) {
    this.sandboxes = b.sandboxes;
    this.environment = b.environment;
    this.manifestRules = b.manifestRules != null ? b.manifestRules : ManifestRules.strict();
    this.testCommand = b.testCommand != null ? b.testCommand : TEST_COMMAND;
    this.testEnv = b.testEnv != null ? b.testEnv : TEST_ENV;
    this.testLimits = b.testLimits != null ? b.testLimits : environment.limits();
    List<Gate> given = b.loopGates;
    this.loopGates = given != null ? () -> given : this::defaultLoopGates;
    this.budget = b.budget != null ? b.budget : Budget.defaults();
    this.workDir = b.workDir != null ? b.workDir
        : Path.of(System.getProperty("java.io.tmpdir"));
    this.configureLoop = b.configureLoop != null ? b.configureLoop : (instance, loop) -> { };
    this.keepWorkDirs = b.keepWorkDirs;
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
  }

  /**
   * Starts a runner whose gates and tests run in {@code docker} (a session per work tree) with
   * the toolchains and caches of {@code environment}.
   */
  public static Builder builder(DockerSandbox docker, CargoEnvironment environment) {
    Objects.requireNonNull(docker, "docker");
    return new Builder(new Sandboxes() {
      @Override
      public Sandbox open(List<Mount> mounts, Limits limits) {
        return docker.openSession(mounts, limits);
      }

      @Override
      public void delete(Path dir) {
        docker.deleteTree(dir);
      }
    }, environment);
  }

  /** A runner on other sandboxes (tests). */
  static Builder builder(Sandboxes sandboxes, CargoEnvironment environment) {
    return new Builder(sandboxes, environment);
  }

  /**
   * Runs and judges one instance.
   *
   * @throws RatchetException when the environment fails (see the class comment)
   */
  public InstanceResult run(RepoInstance instance, Solver solver) {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(solver, "solver");
    Instant started = clock.instant();
    if (!Files.isDirectory(instance.repository())) {
      throw new RatchetException("instance " + instance.id() + ": no repository at "
          + instance.repository() + " for " + instance.repo() + "; clone it there (a"
          + " repositories directory holds clones as DIR/org/repo or DIR/repo)");
    }
    Answer none = Answer.reference("");
    if (instance.failToPass().isEmpty()) {
      return result(instance, solver, false, "unresolved: the instance names no fail-to-pass"
          + " test, so a fix cannot be told from no change", List.of(), notRun(
              instance.passToPass(), "not run"), none, 0, started);
    }
    if (solver instanceof Solver.Gold && instance.fix().isEmpty()) {
      return result(instance, solver, false, "unresolved: the instance has no reference fix",
          notRun(instance.failToPass(), "not run"), notRun(instance.passToPass(), "not run"),
          none, 0, started);
    }
    Path dir = workDirFor(instance);
    try {
      Path clone = dir.resolve("repo");
      String base = GitCli.prepare(instance.repository(), instance.baseCommit(), clone);
      return judge(instance, solver, clone, base, answer(instance, solver, clone), started);
    } finally {
      if (!keepWorkDirs) {
        sandboxes.delete(dir);
      }
    }
  }

  /**
   * The solver's change to a git repository at the instance's base, as a diff: the fix patch for
   * gold, nothing for empty, the agent loop's kept change for a model (the loop works on its own
   * scratch branch; the repository's branch and files are not changed).
   */
  public Answer answer(RepoInstance instance, Solver solver, Path clone) {
    return answer(instance, solver, clone, List.of());
  }

  /**
   * As {@link #answer(RepoInstance, Solver, Path)}, with pictures that come with the problem
   * statement (a screenshot of a failing CI log); the loop gives them to the model.
   */
  public Answer answer(RepoInstance instance, Solver solver, Path clone,
      List<Attachment> images) {
    return answer(instance, solver, clone, images, List.of());
  }

  /**
   * As {@link #answer(RepoInstance, Solver, Path, List)}, with the gates the loop judges the
   * model's steps by; empty for this runner's loop gates.
   */
  public Answer answer(RepoInstance instance, Solver solver, Path clone,
      List<Attachment> images, List<Gate> gates) {
    if (solver instanceof Solver.Model model) {
      return runLoop(instance, model, clone, images,
          gates.isEmpty() ? loopGates.get() : List.copyOf(gates));
    }
    return Answer.reference(solver instanceof Solver.Gold ? instance.fixPatch() : "");
  }

  /** The loop's gates when none are given: differential build and suite tests. */
  private List<Gate> defaultLoopGates() {
    RustGates rust = RustGates.with(environment).manifestRules(manifestRules);
    return List.of(RustGates.differential(rust.build()),
        RustGates.differential(new SuiteTestGate("test", environment, testCommand, testEnv,
            testLimits, manifestRules, List.of())));
  }

  private Answer runLoop(RepoInstance instance, Solver.Model model, Path clone,
      List<Attachment> images, List<Gate> gates) {
    try (GitWorkspace workspace = GitWorkspace.builder(clone).runId(LOOP_RUN)
            .onAccept(GitWorkspace.OnAccept.BRANCH).clock(clock).open();
        Sandbox session = sandboxes.open(environment.mounts(workspace.root()),
            environment.limits())) {
      GateTime gateTime = new GateTime();
      ModelClient client = Objects.requireNonNull(model.clients().get(),
          "the model factory returned no client");
      AgentLoop.Builder loop = AgentLoop.builder()
          .runId(workspace.runId())
          .model(client)
          .workspace(workspace)
          .gates(gates)
          .sandbox(session)
          .budget(budget)
          .commandEnvironment(environment)
          .clock(clock)
          .listener(gateTime);
      configureLoop.accept(instance, loop);
      LoopResult result = loop.build()
          .run(new Task(instance.id(), instance.problemStatement(), images));
      if (result.outcome() == LoopResult.Outcome.FAILED) {
        throw new RatchetException("instance " + instance.id() + ": the loop failed, so the"
            + " model's answer is unknown: " + result.reason());
      }
      int calls = 0;
      int invalid = 0;
      for (Iteration it : result.iterations()) {
        ModelReply reply = it.reply();
        if ("tools".equals(reply.metadata().get("channel"))) {
          calls += reply.actions().size();
          for (Action a : reply.actions()) {
            if (a instanceof InvalidCall) {
              invalid++;
            }
          }
        }
      }
      String note = "; the loop " + result.outcome().name().toLowerCase(Locale.ROOT)
          + " after " + count(result.iterations().size(), "iteration", "iterations");
      String explanation = "";
      for (Iteration it : result.iterations()) {
        if (!it.reply().text().isBlank()) {
          explanation = it.reply().text();
        }
      }
      return new Answer(result.diff(), result.iterations().size(), result.tokens(), calls,
          invalid, gateTime.millis, note, explanation);
    }
  }

  private InstanceResult judge(RepoInstance instance, Solver solver, Path clone, String base,
      Answer answer, Instant started) {
    List<String> f2p = instance.failToPass();
    List<String> p2p = instance.passToPass();
    if (!answer.patch().isBlank()) {
      GitCli.Result applied = GitCli.apply(clone, answer.patch());
      if (!applied.ok()) {
        String why = "the answer does not apply to the base commit: " + firstLine(applied);
        return result(instance, solver, false, "unresolved: " + why + answer.note(),
            notRun(f2p, "not run: " + why), notRun(p2p, "not run: " + why), answer, 0, started);
      }
      GitCli.commitAll(clone, "answer of " + solver.name());
    }
    if (!instance.testPatch().isBlank()) {
      GitCli.Result applied = GitCli.apply(clone, instance.testPatch());
      if (!applied.ok()) {
        Set<String> both = new LinkedHashSet<>(GitCli.paths(answer.patch()));
        both.retainAll(GitCli.paths(instance.testPatch()));
        String why = "the test patch does not apply on top of the answer"
            + (both.isEmpty() ? "" : " (both change " + String.join(", ", both) + ")") + ": "
            + firstLine(applied);
        return result(instance, solver, false, "unresolved: " + why + answer.note(),
            notRun(f2p, "not run: " + why), notRun(p2p, "not run: " + why), answer, 0, started);
      }
      GitCli.commitAll(clone, "test patch of " + instance.id());
    }
    List<String> names = new ArrayList<>(f2p);
    p2p.stream().filter(n -> !names.contains(n)).forEach(names::add);
    SuiteTestGate gate = new SuiteTestGate(TESTS_GATE, environment, testCommand, testEnv,
        testLimits, manifestRules, names);
    SuiteTestGate.Judgement judged;
    try (GitWorkspace workspace = GitWorkspace.builder(clone).runId(JUDGE_RUN)
            .onAccept(GitWorkspace.OnAccept.BRANCH).clock(clock).open();
        Sandbox session = sandboxes.open(environment.mounts(workspace.root()), testLimits)) {
      judged = gate.judge(new GateContext(workspace, session, 0));
    }
    if (judged.result().status() == GateStatus.ERROR) {
      throw new RatchetException("instance " + instance.id() + ": the tests could not be run: "
          + judged.result().summary());
    }
    long testMillis = judged.result().duration().toMillis();
    List<TestOutcome> f2pOut;
    List<TestOutcome> p2pOut;
    String reason;
    switch (judged.stage()) {
      case DID_NOT_COMPILE -> {
        String why = "the tests do not compile: " + judged.why();
        f2pOut = notRun(f2p, why);
        p2pOut = notRun(p2p, why);
        reason = "unresolved: the tests do not compile with the test patch applied, which"
            + " counts as failing (" + judged.why() + ")";
      }
      case NOT_RUN -> {
        String why = "not run: " + judged.why();
        f2pOut = notRun(f2p, why);
        p2pOut = notRun(p2p, why);
        reason = "unresolved: the tests did not run: " + judged.why();
      }
      default -> {
        String missing = judged.why().isEmpty() ? "not found in the test run"
            : "not run: " + judged.why();
        f2pOut = TestNames.judge(f2p, judged.result().tests(), missing);
        p2pOut = TestNames.judge(p2p, judged.result().tests(), missing);
        reason = verdict(f2pOut, p2pOut);
      }
    }
    boolean resolved = judged.stage() == SuiteTestGate.Judgement.Stage.RAN && passed(f2pOut)
        && passed(p2pOut);
    return result(instance, solver, resolved, reason + answer.note(), f2pOut, p2pOut, answer,
        testMillis, started);
  }

  /** One sentence on the verdict of tests that ran. */
  private static String verdict(List<TestOutcome> f2p, List<TestOutcome> p2p) {
    List<TestOutcome> notFixed = failing(f2p);
    List<TestOutcome> broken = failing(p2p);
    if (notFixed.isEmpty() && broken.isEmpty()) {
      return "resolved: " + (f2p.size() == 1 ? "the fail-to-pass test passes" : "all "
          + f2p.size() + " fail-to-pass tests pass") + (p2p.isEmpty() ? ""
          : p2p.size() == 1 ? " and the pass-to-pass test still passes"
          : " and all " + p2p.size() + " pass-to-pass tests still pass");
    }
    List<String> parts = new ArrayList<>();
    if (!notFixed.isEmpty()) {
      parts.add(notFixed.size() + " of " + f2p.size() + " fail-to-pass tests do not pass ("
          + describe(notFixed) + ")");
    }
    if (!broken.isEmpty()) {
      parts.add(broken.size() + " of " + p2p.size() + " pass-to-pass tests no longer pass ("
          + describe(broken) + ")");
    }
    return "unresolved: " + String.join("; ", parts);
  }

  private static String describe(List<TestOutcome> tests) {
    List<String> shown = new ArrayList<>();
    for (TestOutcome t : tests.subList(0, Math.min(3, tests.size()))) {
      String message = gist(t.message());
      if (message.length() > 160) {
        message = message.substring(0, 157) + "...";
      }
      shown.add(t.name() + (message.isEmpty() ? "" : ": " + message));
    }
    return String.join("; ", shown) + (tests.size() > 3 ? "; and " + (tests.size() - 3)
        + " more" : "");
  }

  /**
   * The telling line of a failure: for a panic, its message and place ({@code assertion `left ==
   * right` failed (at src/tests.rs:15:5)}); otherwise the first line.
   */
  static String gist(String message) {
    List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      return "";
    }
    Matcher panic = PANIC.matcher(lines.get(0));
    if (panic.matches() && lines.size() > 1) {
      return lines.get(1) + " (at " + panic.group(1) + ")";
    }
    return lines.get(0);
  }

  private static List<TestOutcome> failing(List<TestOutcome> tests) {
    return tests.stream().filter(t -> t.status() != TestOutcome.Status.PASSED).toList();
  }

  private static boolean passed(List<TestOutcome> tests) {
    return tests.stream().allMatch(t -> t.status() == TestOutcome.Status.PASSED);
  }

  private static List<TestOutcome> notRun(List<String> names, String why) {
    return TestNames.allFailed(names, why);
  }

  private InstanceResult result(RepoInstance instance, Solver solver, boolean resolved,
      String reason, List<TestOutcome> f2p, List<TestOutcome> p2p, Answer answer,
      long testMillis, Instant started) {
    return answer.result(instance.suite(), instance.id(), solver.name(), resolved, reason, f2p,
        p2p, Duration.between(started, clock.instant()).toMillis(), testMillis);
  }

  private Path workDirFor(RepoInstance instance) {
    String safe = instance.id().replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 60) {
      safe = safe.substring(0, 60);
    }
    try {
      Files.createDirectories(workDir);
      return Files.createTempDirectory(workDir, "ratchet-" + safe + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a work directory under " + workDir, e);
    }
  }

  private static String firstLine(GitCli.Result r) {
    return r.output().lines().filter(l -> !l.isBlank()).findFirst().orElse("exit "
        + r.exitCode()).strip();
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /**
   * What an answer was and what it cost.
   *
   * @param patch the change as a unified diff; empty for none
   * @param iterations loop iterations (0 for reference answers)
   * @param tokens tokens over the run
   * @param toolCalls tool calls the model made
   * @param invalidToolCalls those that were not well formed
   * @param gateMillis time in the loop's gates
   * @param note a clause for the report, such as "; the loop accepted after 2 iterations"
   * @param explanation the text of the model's last reply that had any; empty for none
   */
  public record Answer(String patch, int iterations, TokenUsage tokens, int toolCalls,
      int invalidToolCalls, long gateMillis, String note, String explanation) {
    static Answer reference(String patch) {
      return new Answer(patch, 0, TokenUsage.ZERO, 0, 0, 0, "", "");
    }

    /** The result of an instance judged after this answer; its gate time adds {@code
     * judgeMillis}, the time spent judging. */
    public InstanceResult result(String suite, String id, String model, boolean resolved,
        String reason, List<TestOutcome> failToPass, List<TestOutcome> passToPass,
        long durationMillis, long judgeMillis) {
      return new InstanceResult(suite, id, model, resolved, reason, failToPass, passToPass,
          iterations, patch, durationMillis, gateMillis + judgeMillis, tokens.inputTokens(),
          tokens.outputTokens(), toolCalls, invalidToolCalls, explanation, false);
    }
  }

  /** Sums the durations of every gate the loop ran, the baseline's included. */
  private static final class GateTime implements LoopListener {
    long millis;

    @Override
    public void onGateFinished(LoopEvent.GateFinished event) {
      millis += event.result().duration().toMillis();
    }
  }

  /** Where gates and tests run: a session per work tree, and removal of what they wrote. */
  interface Sandboxes {
    /** A sandbox for several commands with these mounts. */
    Sandbox open(List<Mount> mounts, Limits limits);

    /** Removes a directory that sandboxed commands may have written to. */
    void delete(Path dir);
  }

  /** Configures a {@link RepoInstanceRunner}; each value may be set once. */
  public static final class Builder {
    private final Sandboxes sandboxes;
    private final CargoEnvironment environment;
    private List<Gate> loopGates;
    private Budget budget;
    private Path workDir;
    private Limits testLimits;
    private List<String> testCommand;
    private Map<String, String> testEnv;
    private ManifestRules manifestRules;
    private BiConsumer<RepoInstance, AgentLoop.Builder> configureLoop;
    private boolean keepWorkDirs;
    private boolean keepWorkDirsSet;
    private Clock clock;

    private Builder(Sandboxes sandboxes, CargoEnvironment environment) {
      this.sandboxes = Objects.requireNonNull(sandboxes, "sandboxes");
      this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * The gates the loop judges each step with (default: differential build and test suite, see
     * the class comment). Gates are shared by every instance this runner runs.
     */
    public Builder loopGates(List<? extends Gate> gates) {
      List<Gate> copy = List.copyOf(gates);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("give the loop at least one gate, or leave the"
            + " default (differential build and tests)");
      }
      this.loopGates = once(this.loopGates, copy, "loopGates");
      return this;
    }

    /** The loop's budget per instance (default {@link Budget#defaults()}). */
    public Builder budget(Budget budget) {
      this.budget = once(this.budget, budget, "budget");
      return this;
    }

    /** Where each instance's private repository is made (default {@code java.io.tmpdir}). */
    public Builder workDir(Path dir) {
      this.workDir = once(this.workDir, dir.toAbsolutePath().normalize(), "workDir");
      return this;
    }

    /** The limits of the test runs (default: the environment's; output at least 32 MiB). */
    public Builder testLimits(Limits limits) {
      this.testLimits = once(this.testLimits, limits, "testLimits");
      return this;
    }

    /**
     * The cargo arguments of the test runs, before {@code --no-fail-fast} (default {@code test
     * --frozen --workspace}); keep {@code --frozen}: the sandbox has no network.
     */
    public Builder testCommand(List<String> cargoArgs) {
      List<String> copy = List.copyOf(cargoArgs);
      if (copy.isEmpty() || !copy.get(0).equals("test")) {
        throw new IllegalArgumentException("the test command starts with 'test', such as"
            + " [test, --frozen, --workspace]; got " + copy);
      }
      this.testCommand = once(this.testCommand, copy, "testCommand");
      return this;
    }

    /** Variables of the test runs (default {@code RUSTFLAGS=-Awarnings}). */
    public Builder testEnv(Map<String, String> env) {
      this.testEnv = once(this.testEnv, Map.copyOf(env), "testEnv");
      return this;
    }

    /**
     * The manifest rules (default strict: no git sources, no {@code [patch]}); real repositories
     * may need {@code ManifestRules.strict().withPatchAllowed()}.
     */
    public Builder manifestRules(ManifestRules rules) {
      this.manifestRules = once(this.manifestRules, rules, "manifestRules");
      return this;
    }

    /**
     * Sets up each instance's loop further: a policy, a command policy and approver, tools,
     * instructions, listeners (a transcript per instance). The model, workspace, sandbox and run
     * id are set already (setting them again fails); gates added here run after the runner's, and
     * a budget set here replaces the runner's.
     */
    public Builder configureLoop(BiConsumer<RepoInstance, AgentLoop.Builder> configure) {
      this.configureLoop = once(this.configureLoop, configure, "configureLoop");
      return this;
    }

    /** Keeps each instance's private repository for inspection (default: removed). */
    public Builder keepWorkDirs(boolean keep) {
      if (keepWorkDirsSet) {
        throw new IllegalStateException("keepWorkDirs is already set; set it once");
      }
      this.keepWorkDirs = keep;
      this.keepWorkDirsSet = true;
      return this;
    }

    /** The clock for durations and the loop's budget (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = once(this.clock, clock, "clock");
      return this;
    }

    /** Builds the runner. */
    public RepoInstanceRunner build() {
      return new RepoInstanceRunner(this);
    }

    private static <T> T once(T current, T value, String name) {
      Objects.requireNonNull(value, name);
      if (current != null) {
        throw new IllegalStateException(name + " is already set; set it once");
      }
      return value;
    }
  }
}
