package dev.ratchet.engine;

import dev.ratchet.RatchetException;
import dev.ratchet.RetriableException;
import dev.ratchet.action.Action;
import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.action.InvalidCall;
import dev.ratchet.action.ReadFile;
import dev.ratchet.action.RunCommand;
import dev.ratchet.engine.policy.Policies;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.loop.ActionOutcome;
import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.loop.LoopListener;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.LoopState;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.model.ToolSpec;
import dev.ratchet.policy.Budget;
import dev.ratchet.policy.Decision;
import dev.ratchet.policy.Policy;
import dev.ratchet.sandbox.Approver;
import dev.ratchet.sandbox.CommandPolicy;
import dev.ratchet.sandbox.CommandVerdict;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.CommandEnvironment;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.workspace.ApplyResult;
import dev.ratchet.workspace.Checkpoint;
import dev.ratchet.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop: propose (model) → apply (workspace) → judge (gates) → decide (policy) → iterate.
 *
 * <p>A loop object is built once and can run one task ({@link #run}) or continue a run that
 * crashed ({@link #resume}). Everything it does is published as {@link LoopEvent}s to the
 * listeners, in order, on the calling thread.
 *
 * <p>Commands a model proposes ({@link RunCommand}) are judged by the {@link CommandPolicy} (by
 * default none may run) and, when it asks, the {@link Approver} (by default it declines). An
 * allowed command runs in the sandbox on the work tree mounted read-only; one that writes the tree
 * runs on a scratch copy, and what it changed comes back as one edit through {@link
 * Workspace#apply}, judged by the path guard, committed and gated like a model's edit.
 *
 * <p>Listeners get each gate's whole result ({@link LoopEvent.GateFinished}); the history the loop
 * keeps, and its result, hold each gate log cut to {@value #KEPT_LOG_CHARS} characters (its start
 * and its end), so that a long run's memory does not grow with its logs.
 */
public final class AgentLoop {
  private static final Logger LOG = LoggerFactory.getLogger(AgentLoop.class);

  /** The most characters of each gate log kept in the history and the result. */
  public static final int KEPT_LOG_CHARS = 64 * 1024;

  /** The instructions sent when none are configured: the text edit protocol. */
  public static final String DEFAULT_INSTRUCTIONS = """
      You are a careful Rust engineer working in a git repository. Make the smallest change that \
      does what the task asks and makes the gates (build, clippy, tests) pass.
      Reply with edits in one of these forms:
      - a unified diff (git diff format) in a ```diff fence, with correct context lines;
      - search/replace blocks: the file path alone on a line, then <<<<<<< SEARCH, the exact \
      lines to find, =======, the new lines, >>>>>>> REPLACE;
      - a whole file: its path alone on a line, then the complete content in a fence.
      Do not touch .git, .cargo/config.toml, rust-toolchain files or CI files.""";

  private final ModelClient model;
  private final Workspace workspace;
  private final List<Gate> gates;
  private final Sandbox sandbox;
  private final Policy policy;
  private final List<LoopListener> listeners;
  private final Clock clock;
  private final Sleeper sleeper;
  private final String instructions;
  private final List<ToolSpec> tools;
  private final String runId;
  private final boolean failFast;
  private final boolean baseline;
  private final int modelRetries;
  private final Duration retryBackoff;
  private final CommandPolicy commandPolicy;
  private final Approver approver;
  private final Limits commandLimits;
  private final CommandEnvironment commandEnvironment;

  private AgentLoop(Builder b) {
    this.model = b.model;
    this.workspace = b.workspace;
    this.gates = List.copyOf(b.gates);
    this.sandbox = b.sandbox;
    this.policy = b.policy != null ? b.policy : Policies.defaults(b.budget);
    this.listeners = List.copyOf(b.listeners);
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.instructions = b.instructions;
    this.tools = List.copyOf(b.tools);
    this.runId = b.runId != null ? b.runId : UUID.randomUUID().toString();
    this.failFast = b.failFast;
    this.baseline = b.baseline;
    this.modelRetries = b.modelRetries;
    this.retryBackoff = b.retryBackoff;
    this.commandPolicy = b.commandPolicy != null ? b.commandPolicy : CommandPolicy.denyAll();
    this.approver = b.approver != null ? b.approver : Approver.denyAll();
    this.commandLimits = b.commandLimits;
    this.commandEnvironment = b.commandEnvironment;
  }

  /** Starts configuring a loop; a model client and a workspace are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The run id events and transcripts carry. */
  public String runId() {
    return runId;
  }

  /** Runs the task to acceptance, a stop, or a failure of the environment. */
  public LoopResult run(Task task) {
    Run run = new Run(task, clock.instant());
    emit(new LoopEvent.RunStarted(runId, task, workspace.base(), workspace.root().toString(),
        false));
    if (baseline) {
      run.baseline = kept(runGates(0));
    }
    return run.loop(1);
  }

  /**
   * Continues a run from the iterations a transcript recorded: the workspace goes back to the
   * tree kept after the last decided iteration, and the loop goes on with the next one.
   */
  public LoopResult resume(Task task, ResumePoint point) {
    Run run = new Run(task, clock.instant().minus(point.elapsed()));
    run.baseline = point.baseline();
    run.iterations.addAll(point.iterations());
    run.decisions.addAll(point.decisions());
    run.tokens = point.tokens();
    emit(new LoopEvent.RunStarted(runId, task, workspace.base(), workspace.root().toString(),
        true));
    Checkpoint kept = LoopHistory.keptCheckpoint(workspace.base(), run.iterations, run.decisions);
    workspace.rollback(kept);
    emit(new LoopEvent.RolledBack(point.iterations().size(), kept));
    return run.loop(point.iterations().size() + 1);
  }

  /** The state of one run. */
  private final class Run {
    final Task task;
    final Instant started;
    List<GateResult> baseline = List.of();
    final List<Iteration> iterations = new ArrayList<>();
    final List<Decision> decisions = new ArrayList<>();
    TokenUsage tokens = TokenUsage.ZERO;

    Run(Task task, Instant started) {
      this.task = Objects.requireNonNull(task, "task");
      this.started = started;
    }

    LoopState state() {
      return new LoopState(task, baseline, iterations, decisions, tokens,
          Duration.between(started, clock.instant()));
    }

    LoopResult loop(int first) {
      for (int i = first; ; i++) {
        LoopState before = state();
        Optional<Decision.Stop> stop = policy.beforeModelCall(before);
        if (stop.isPresent()) {
          return finish(LoopResult.Outcome.STOPPED, stop.get().reason(), i - 1);
        }
        emit(new LoopEvent.IterationStarted(i));
        Instant iterationStart = clock.instant();
        String feedback = policy.feedback(before).orElseGet(() -> Feedback.render(before));
        ModelRequest request = new ModelRequest(i, task, instructions, iterations, feedback,
            task.attachments(), tools);
        emit(new LoopEvent.RequestSent(i, request));
        ModelReply reply;
        try {
          reply = callModel(request);
        } catch (RuntimeException e) {
          return finish(LoopResult.Outcome.FAILED, "the model call failed: " + e.getMessage(),
              i);
        }
        tokens = tokens.plus(reply.usage());
        emit(new LoopEvent.ReplyReceived(i, reply));
        List<ActionOutcome> outcomes = serve(i, reply);
        boolean changed = outcomes.stream().anyMatch(o -> o.status() == ActionOutcome.Status.APPLIED);
        Checkpoint checkpoint;
        List<GateResult> results = List.of();
        if (changed) {
          checkpoint = workspace.commit("ratchet: iteration " + i + " of run " + runId);
          emit(new LoopEvent.Committed(i, checkpoint));
          results = runGates(i);
        } else {
          checkpoint = workspace.head();
        }
        Iteration it = new Iteration(i, reply, outcomes, kept(results), checkpoint,
            Duration.between(iterationStart, clock.instant()));
        iterations.add(it);
        Decision decision = Objects.requireNonNull(policy.decide(state()),
            "the policy returned no decision");
        decisions.add(decision);
        emit(new LoopEvent.IterationDecided(i, it, decision));
        if (decision instanceof Decision.RollbackAndContinue) {
          Checkpoint kept = LoopHistory.keptCheckpoint(workspace.base(), iterations, decisions);
          workspace.rollback(kept);
          emit(new LoopEvent.RolledBack(i, kept));
        } else if (decision instanceof Decision.Accept a) {
          return finish(LoopResult.Outcome.ACCEPTED, a.reason(), i);
        } else if (decision instanceof Decision.Stop s) {
          return finish(LoopResult.Outcome.STOPPED, s.reason(), i);
        }
      }
    }

    LoopResult finish(LoopResult.Outcome outcome, String reason, int lastIteration) {
      Checkpoint kept = LoopHistory.keptCheckpoint(workspace.base(), iterations, decisions);
      String why = reason;
      String diff = "";
      try {
        if (!workspace.head().equals(kept)) {
          workspace.rollback(kept);
        }
        if (outcome == LoopResult.Outcome.ACCEPTED) {
          why = reason + ". " + workspace.accept(kept);
        }
        diff = workspace.diff();
      } catch (RatchetException e) {
        outcome = LoopResult.Outcome.FAILED;
        why = reason + "; then the workspace failed: " + e.getMessage();
      }
      LoopResult result = new LoopResult(runId, outcome, why, iterations, decisions,
          workspace.base(), kept, diff, tokens,
          Duration.between(started, clock.instant()));
      emit(new LoopEvent.LoopFinished(lastIteration, result));
      return result;
    }
  }

  private ModelReply callModel(ModelRequest request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Objects.requireNonNull(model.reply(request), "the model client returned null");
      } catch (RetriableException e) {
        boolean retry = attempt <= modelRetries;
        emit(new LoopEvent.ModelCallFailed(request.iteration(), attempt, e.getMessage(), retry));
        if (!retry) {
          throw new RatchetException(e.getMessage() + " (after " + attempt + " attempts)", e);
        }
        sleeper.sleep(backoff(attempt));
      } catch (RuntimeException e) {
        emit(new LoopEvent.ModelCallFailed(request.iteration(), attempt,
            String.valueOf(e.getMessage()), false));
        throw e;
      }
    }
  }

  /**
   * Exponential backoff with up to 25% jitter, so that several loops sharing a server do not retry
   * in step; seeded by the run id, so a run waits the same way when it is repeated.
   */
  private Duration backoff(int attempt) {
    Duration base = retryBackoff.multipliedBy(1L << Math.min(attempt - 1, 6));
    double jitter = new java.util.Random(runId.hashCode() * 31L + attempt).nextDouble() * 0.25;
    return base.plusNanos((long) (base.toNanos() * jitter));
  }

  private List<ActionOutcome> serve(int i, ModelReply reply) {
    List<ActionOutcome> outcomes = new ArrayList<>();
    boolean truncated = reply.finishReason() == ModelReply.FinishReason.LENGTH;
    for (Action action : reply.actions()) {
      ActionOutcome outcome;
      if (action instanceof Edit edit) {
        if (truncated) {
          outcome = new ActionOutcome(action, ActionOutcome.Status.REJECTED,
              "not applied: the reply was cut off at the token limit");
        } else {
          ApplyResult result = workspace.apply(edit);
          if (result instanceof ApplyResult.Applied a) {
            emit(new LoopEvent.EditApplied(i, edit, a));
            outcome = new ActionOutcome(action, ActionOutcome.Status.APPLIED, "applied to "
                + a.files().stream().map(f -> f.path()).collect(Collectors.joining(", ")));
          } else {
            ApplyResult.Rejected r = (ApplyResult.Rejected) result;
            emit(new LoopEvent.EditRejected(i, edit, r));
            outcome = new ActionOutcome(action, ActionOutcome.Status.REJECTED, r.message());
          }
        }
      } else {
        outcome = answer(i, action);
        emit(new LoopEvent.ActionAnswered(i, outcome));
      }
      outcomes.add(outcome);
    }
    return outcomes;
  }

  private ActionOutcome answer(int iteration, Action action) {
    if (action instanceof ReadFile read) {
      return workspace.read(read.path())
          .map(text -> new ActionOutcome(action, ActionOutcome.Status.ANSWERED,
              numbered(text, read.fromLine(), read.toLine())))
          .orElseGet(() -> new ActionOutcome(action, ActionOutcome.Status.FAILED,
              "no readable file " + read.path() + " in the repository"));
    } else if (action instanceof RunCommand run) {
      return runCommand(iteration, run);
    } else if (action instanceof InvalidCall invalid) {
      return new ActionOutcome(action, ActionOutcome.Status.REJECTED, "your call of tool '"
          + invalid.tool() + "' was not understood: " + invalid.problem());
    } else {
      return new ActionOutcome(action, ActionOutcome.Status.FINISHED, ((Finish) action).summary());
    }
  }

  /** Judges a command (policy, then approver) and runs it read-only or on a scratch copy. */
  private ActionOutcome runCommand(int iteration, RunCommand run) {
    List<String> argv = run.argv();
    CommandVerdict verdict;
    try {
      verdict = Objects.requireNonNull(commandPolicy.check(argv), "the policy gave no verdict");
    } catch (RuntimeException e) {
      LOG.warn("The command policy failed on {}: {}", argv, e.toString());
      return new ActionOutcome(run, ActionOutcome.Status.REFUSED, "the command policy could not"
          + " judge " + show(argv) + " (" + e.getMessage() + "), so it was not run.");
    }
    boolean writesTree;
    if (verdict instanceof CommandVerdict.Deny deny) {
      return new ActionOutcome(run, ActionOutcome.Status.REFUSED, show(argv) + " was refused: "
          + deny.reason());
    } else if (verdict instanceof CommandVerdict.NeedsApproval ask) {
      boolean approved;
      try {
        approved = approver.approve(argv, ask.reason());
      } catch (RuntimeException e) {
        LOG.warn("The approver failed on {}: {}", argv, e.toString());
        approved = false;
      }
      if (!approved) {
        return new ActionOutcome(run, ActionOutcome.Status.REFUSED, "the operator declined: "
            + ask.reason() + " (" + show(argv) + " was not run)");
      }
      writesTree = ask.writesTree();
    } else {
      writesTree = ((CommandVerdict.Allow) verdict).writesTree();
    }
    if (sandbox == null) {
      return new ActionOutcome(run, ActionOutcome.Status.FAILED,
          "commands cannot run here: no sandbox is configured");
    }
    return writesTree ? runOnScratchCopy(iteration, run) : runReadOnly(run);
  }

  private ActionOutcome runReadOnly(RunCommand run) {
    try {
      ExecResult r = sandbox.exec(commandSpec(run, Mount.readOnly(workspace.root(), CommandEnvironment.WORKSPACE)));
      return new ActionOutcome(run, ActionOutcome.Status.ANSWERED, output(r));
    } catch (RatchetException e) {
      return new ActionOutcome(run, ActionOutcome.Status.FAILED,
          "the sandbox could not run it: " + e.getMessage());
    }
  }

  /**
   * Runs a command that writes the tree on a scratch copy, then brings its changes back as one
   * edit through the workspace, so the path guard judges them as it judges a model's edit.
   */
  private ActionOutcome runOnScratchCopy(int iteration, RunCommand run) {
    ScratchTree scratch;
    try {
      scratch = ScratchTree.copyOf(workspace.root());
    } catch (IOException | UncheckedIOException | InvalidPathException e) {
      return new ActionOutcome(run, ActionOutcome.Status.FAILED, "the command was not run: a"
          + " scratch copy of the tree could not be made (" + e.getMessage() + ")");
    }
    try (scratch) {
      ExecResult r;
      try {
        r = sandbox.exec(commandSpec(run, Mount.readWrite(scratch.dir(), CommandEnvironment.WORKSPACE)));
      } catch (RatchetException e) {
        return new ActionOutcome(run, ActionOutcome.Status.FAILED,
            "the sandbox could not run it: " + e.getMessage());
      }
      String output = output(r);
      String stoppedBy = r.limitsHit().stream().filter(l -> l != ExecResult.Limit.OUTPUT)
          .map(commandLimits::describe).collect(Collectors.joining(" and "));
      if (!stoppedBy.isEmpty()) {
        return new ActionOutcome(run, ActionOutcome.Status.ANSWERED, output + "\nThe command was"
            + " stopped by " + stoppedBy + " before it ended, so the files it changed were not"
            + " brought back; the tree is unchanged.");
      }
      ScratchTree.ReadBack back = scratch.readBack();
      if (back instanceof ScratchTree.Refused refused) {
        return new ActionOutcome(run, ActionOutcome.Status.REJECTED, output + "\nIts changes"
            + " were not brought back: " + refused.reason() + " The tree is unchanged.");
      }
      ScratchTree.Changed changed = (ScratchTree.Changed) back;
      String notes = (changed.skipped().isEmpty() ? "" : "\nNot brought back (only regular files"
          + " are): " + String.join(", ", changed.skipped()) + ".")
          + (changed.endingsOnly().isEmpty() ? "" : "\nNot brought back (only their line endings"
          + " changed, and line endings follow each file): "
          + String.join(", ", changed.endingsOnly()) + ".");
      if (changed.files().isEmpty()) {
        return new ActionOutcome(run, ActionOutcome.Status.ANSWERED, output
            + "\nIt changed no files." + notes);
      }
      Edit edit = Edit.patch(WriteBackDiff.render(changed.files()));
      ApplyResult result = workspace.apply(edit);
      if (result instanceof ApplyResult.Rejected rejected) {
        emit(new LoopEvent.EditRejected(iteration, edit, rejected));
        return new ActionOutcome(run, ActionOutcome.Status.REJECTED, output + "\nIts changes"
            + " were not brought back, because the workspace rejected them ("
            + rejected.reason() + "): " + rejected.message() + " The tree is unchanged." + notes);
      }
      ApplyResult.Applied applied = (ApplyResult.Applied) result;
      emit(new LoopEvent.EditApplied(iteration, edit, applied));
      return new ActionOutcome(run, ActionOutcome.Status.APPLIED, output + "\nIts changes were"
          + " written to the tree: " + applied.files().stream()
              .map(f -> f.path() + " (" + f.kind().name().toLowerCase(java.util.Locale.ROOT) + ")")
              .collect(Collectors.joining(", ")) + "." + fidelity(changed.files()) + notes);
    }
  }

  /** Names files whose result differs from what the command wrote (line endings, for one). */
  private String fidelity(List<WriteBackDiff.FileChange> files) {
    List<String> differ = new ArrayList<>();
    for (WriteBackDiff.FileChange f : files) {
      Optional<String> now = workspace.read(f.path());
      boolean same = f.kind() == WriteBackDiff.Kind.DELETED
          ? now.isEmpty() : now.filter(f.newText()::equals).isPresent();
      if (!same) {
        differ.add(f.path());
      }
    }
    return differ.isEmpty() ? "" : "\nNote: " + String.join(", ", differ) + " in the tree"
        + " differ from what the command wrote (line endings follow each file).";
  }

  private ExecSpec commandSpec(RunCommand run, Mount workspaceMount) {
    return commandEnvironment.spec(run.argv(), workspaceMount, commandLimits);
  }

  private static String output(ExecResult r) {
    return r.describe() + "\n" + r.stdout()
        + (r.stderr().isEmpty() ? "" : "\nstderr:\n" + r.stderr());
  }

  /** A command as the model sent it: {@code ["cargo", "fmt"]}. */
  private static String show(List<String> argv) {
    return argv.stream()
        .map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String numbered(String text, int from, int to) {
    String[] lines = text.split("\n", -1);
    StringBuilder sb = new StringBuilder();
    int last = Math.min(lines.length, to);
    for (int n = from; n <= last; n++) {
      if (n == lines.length && lines[n - 1].isEmpty()) {
        break;
      }
      sb.append(String.format("%5d | %s%n", n, lines[n - 1]));
    }
    return sb.toString();
  }

  /** Results as the history keeps them: each log cut to {@link #KEPT_LOG_CHARS}. */
  private static List<GateResult> kept(List<GateResult> results) {
    return results.stream().map(r -> r.withLogAtMost(KEPT_LOG_CHARS)).toList();
  }

  private List<GateResult> runGates(int iteration) {
    List<GateResult> results = new ArrayList<>();
    GateContext context = new GateContext(workspace, sandbox != null ? sandbox : NoSandbox.INSTANCE,
        iteration);
    String blockedBy = null;
    for (Gate gate : gates) {
      GateResult result;
      if (blockedBy != null) {
        result = GateResult.of(gate.name(), GateStatus.SKIPPED, "skipped: " + blockedBy
            + " did not pass");
      } else {
        Instant start = clock.instant();
        try {
          result = gate.run(context);
        } catch (RuntimeException e) {
          result = GateResult.of(gate.name(), GateStatus.ERROR,
              "the gate crashed: " + e.getMessage());
        }
        if (result.duration().isZero()) {
          result = result.withDuration(Duration.between(start, clock.instant()));
        }
        if (failFast && result.status().blocks()) {
          blockedBy = gate.name();
        }
      }
      results.add(result);
      emit(new LoopEvent.GateFinished(iteration, result));
    }
    return results;
  }

  private void emit(LoopEvent event) {
    for (LoopListener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("Listener {} failed on {}: {}", l, event.getClass().getSimpleName(),
            e.toString());
      }
    }
  }

  /** Waits between retries; injected so tests run on fake time. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits for the duration. */
    void sleep(Duration d);
  }

  /** Refuses every command: what gates see when the loop has no sandbox. */
  private enum NoSandbox implements Sandbox {
    INSTANCE;

    @Override
    public ExecResult exec(ExecSpec spec) {
      throw new RatchetException("No sandbox is configured: give the loop a Sandbox (for"
          + " example a Docker sandbox) so gates and commands can run.");
    }
  }

  /** Configures an {@link AgentLoop}. */
  public static final class Builder {
    private ModelClient model;
    private Workspace workspace;
    private final List<Gate> gates = new ArrayList<>();
    private Sandbox sandbox;
    private Policy policy;
    private Budget budget = Budget.defaults();
    private final List<LoopListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = d -> {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RatchetException("interrupted while waiting to retry the model call", e);
      }
    };
    private String instructions = DEFAULT_INSTRUCTIONS;
    private final List<ToolSpec> tools = new ArrayList<>();
    private String runId;
    private boolean failFast = true;
    private boolean baseline = true;
    private int modelRetries = 2;
    private Duration retryBackoff = Duration.ofSeconds(1);
    private CommandPolicy commandPolicy;
    private Approver approver;
    private Limits commandLimits = Limits.defaults().withTimeout(Duration.ofMinutes(2));
    private CommandEnvironment commandEnvironment = CommandEnvironment.plain();

    private Builder() {}

    /** Sets the model client (required). */
    public Builder model(ModelClient model) {
      this.model = once(this.model, model, "model");
      return this;
    }

    /** Sets the workspace (required). */
    public Builder workspace(Workspace workspace) {
      this.workspace = once(this.workspace, workspace, "workspace");
      return this;
    }

    /** Adds a gate to the pipeline (gates run in the order added). */
    public Builder gate(Gate gate) {
      gates.add(Objects.requireNonNull(gate, "gate"));
      return this;
    }

    /** Adds gates to the pipeline. */
    public Builder gates(List<? extends Gate> more) {
      more.forEach(this::gate);
      return this;
    }

    /** Sets where gates and model commands run. */
    public Builder sandbox(Sandbox sandbox) {
      this.sandbox = once(this.sandbox, sandbox, "sandbox");
      return this;
    }

    /** Sets the policy; by default {@link Policies#defaults} of the budget. */
    public Builder policy(Policy policy) {
      this.policy = once(this.policy, policy, "policy");
      return this;
    }

    /** Sets the budget the default policy enforces. */
    public Builder budget(Budget budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /** Adds a listener. */
    public Builder listener(LoopListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Sets the clock (budgets and durations use it). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets how the loop waits between model retries. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Sets the system instructions. */
    public Builder instructions(String text) {
      this.instructions = Objects.requireNonNull(text, "text");
      return this;
    }

    /** Offers tools to the model (empty: the text protocol). */
    public Builder tools(List<ToolSpec> specs) {
      tools.addAll(specs);
      return this;
    }

    /** Sets the run id. */
    public Builder runId(String id) {
      this.runId = once(this.runId, id, "runId");
      return this;
    }

    /** Whether the gate pipeline stops at the first blocking gate (default true). */
    public Builder failFast(boolean failFast) {
      this.failFast = failFast;
      return this;
    }

    /** Whether gates run once before the first iteration (default true). */
    public Builder baseline(boolean run) {
      this.baseline = run;
      return this;
    }

    /** Sets retries of retriable model failures and the first backoff (doubling). */
    public Builder modelRetries(int retries, Duration backoff) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must not be negative");
      }
      this.modelRetries = retries;
      this.retryBackoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * Sets which model-proposed commands may run; by default {@link CommandPolicy#denyAll()}: none
     * (for Rust work, {@code CommandPolicies.rust()} of agent-sandbox).
     */
    public Builder commandPolicy(CommandPolicy policy) {
      this.commandPolicy = once(this.commandPolicy, policy, "commandPolicy");
      return this;
    }

    /**
     * Sets who decides on commands the policy says need approval; by default {@link
     * Approver#denyAll()}: such commands are refused.
     */
    public Builder approver(Approver approver) {
      this.approver = once(this.approver, approver, "approver");
      return this;
    }

    /**
     * Sets up model-proposed commands in the sandbox (toolchains, caches, variables); by default
     * {@link CommandEnvironment#plain()}.
     */
    public Builder commandEnvironment(CommandEnvironment environment) {
      this.commandEnvironment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** Sets the limits of model-proposed commands. */
    public Builder commandLimits(Limits limits) {
      this.commandLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Builds the loop. */
    public AgentLoop build() {
      if (model == null) {
        throw new IllegalStateException("no model client: call model(...)");
      }
      if (workspace == null) {
        throw new IllegalStateException("no workspace: call workspace(...)");
      }
      return new AgentLoop(this);
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
