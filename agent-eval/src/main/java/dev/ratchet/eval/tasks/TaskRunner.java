package dev.ratchet.eval.tasks;

import dev.ratchet.RatchetException;
import dev.ratchet.action.Edit;
import dev.ratchet.edit.EditApplier;
import dev.ratchet.edit.EditGuard;
import dev.ratchet.eval.InstanceResult;
import dev.ratchet.eval.repo.RepoInstance;
import dev.ratchet.eval.repo.RepoInstanceRunner;
import dev.ratchet.eval.repo.Solver;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustGates;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.sandbox.io.SafeFiles;
import dev.ratchet.workspace.ApplyResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Runs one task of the pack: the crate at its starting state in a private repository, the
 * solver's change (the agent loop with the model, which sees only the crate and {@code task.md};
 * the gold patch; or nothing), then the hidden checks copied over it, then the task's grading gates.
 * The model gets the task's picture, if it has one, with the request; its loop is judged by the
 * task's gates on the crate without the hidden checks.
 * Passed = every grading gate passes (a gate that cannot run here, such as Miri without its
 * component, is UNAVAILABLE and said so in the reason).
 */
public final class TaskRunner {

  /** The suite name results carry. */
  public static final String SUITE = "tasks";

  /**
   * The suite name of the results of tasks that come with a picture: a name rankings count as a
   * multimodal suite, so that such a task weighs in the rubric's multimodal dimension.
   */
  public static final String MULTIMODAL_SUITE = "tasks-multimodal";

  /** Both suite names the pack's results carry. */
  public static final java.util.Set<String> SUITES = java.util.Set.of(SUITE, MULTIMODAL_SUITE);

  private final DockerSandbox docker;
  private final CargoEnvironment environment;
  private final RepoInstanceRunner answers;

  private TaskRunner(DockerSandbox docker, CargoEnvironment environment,
      RepoInstanceRunner answers) {
    this.docker = Objects.requireNonNull(docker, "docker");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.answers = Objects.requireNonNull(answers, "answers");
  }

  /** A runner whose model answers come from {@code answers} (its loop settings apply). */
  public static TaskRunner create(DockerSandbox docker, CargoEnvironment environment,
      RepoInstanceRunner answers) {
    return new TaskRunner(docker, environment, answers);
  }

  /**
   * Runs task {@code id} of {@code pack} with the solver. A task that comes with a picture is
   * {@linkplain InstanceResult#notApplicable not applicable} to a model that reads text only: it
   * is not run, and scores leave it out.
   */
  public InstanceResult run(TaskPack pack, String id, Solver solver) {
    long start = System.nanoTime();
    Task task = pack.task(id);
    if (task.image().isPresent() && solver instanceof Solver.Model model
        && !model.takesImages()) {
      return InstanceResult.notApplicable(suite(task), id, solver.name(), "not applicable: the task"
          + " comes with a picture (" + task.image().get() + ") and " + solver.name()
          + " reads text only");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("ratchet-task-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for task " + id, e);
    }
    try {
      Path repo = pack.extractCrate(id, dir.resolve(id));
      commit(repo, "starting state of " + id, true);
      RepoInstance instance = new RepoInstance(suite(task), id, pack.prompt(id), id, "",
          pack.goldPatch(id), "", List.of(), List.of(), repo);
      // The loop judges the model's steps by the task's own gates (fmt, clippy, miri...), on
      // the crate as the model sees it, without the hidden checks.
      RepoInstanceRunner.Answer answer =
          answers.answer(instance, solver, repo, pack.attachments(task), gates(task));
      if (!answer.patch().isBlank()) {
        ApplyResult applied = EditApplier.create(repo, EditGuard.defaults())
            .apply(Edit.patch(answer.patch()));
        if (!applied.applied()) {
          return result(task, solver, false, "not passed: the answer does not apply: "
              + ((ApplyResult.Rejected) applied).message(), List.of(), answer, 0, start);
        }
        commit(repo, "answer of " + solver.name(), false);
      }
      pack.addHiddenChecks(id, repo);
      commit(repo, "hidden checks of " + id, false);
      return grade(task, solver, repo, answer, start);
    } finally {
      SafeFiles.deleteTree(dir);
    }
  }

  /** The suite a task's results carry: {@link #MULTIMODAL_SUITE} for a task with a picture. */
  static String suite(Task task) {
    return task.image().isPresent() ? MULTIMODAL_SUITE : SUITE;
  }

  /** The task's grading gates, in pipeline order. */
  private List<Gate> gates(Task task) {
    RustGates rust = RustGates.with(environment);
    List<Gate> gates = new ArrayList<>();
    for (String name : task.gates()) {
      gates.add(name.equals("loom")
          ? rust.loom(task.loom().orElse(""), Map.of("LOOM_MAX_PREEMPTIONS", "2"))
          : rust.named(name));
    }
    return gates;
  }

  private InstanceResult grade(Task task, Solver solver, Path repo,
      RepoInstanceRunner.Answer answer, long start) {
    List<Gate> gates = gates(task);
    List<String> passed = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<TestOutcome> tests = new ArrayList<>();
    long gateMillis = 0;
    try (GitWorkspace workspace = GitWorkspace.builder(repo)
            .onAccept(GitWorkspace.OnAccept.BRANCH).open();
        DockerSandbox.Session session = docker.openSession(environment.mounts(workspace.root()),
            environment.limits())) {
      for (Gate gate : gates) {
        GateResult r = gate.run(new GateContext(workspace, session, 0));
        gateMillis += r.duration().toMillis();
        tests.addAll(r.tests());
        if (r.status() == GateStatus.ERROR) {
          throw new RatchetException("task " + task.id() + ": gate " + gate.name()
              + " could not run: " + r.summary());
        }
        if (r.status() == GateStatus.PASS) {
          passed.add(gate.name());
        } else if (r.status() == GateStatus.UNAVAILABLE) {
          unavailable.add(gate.name() + " unavailable (" + firstLine(r.summary()) + ")");
        } else {
          failed.add(gate.name() + ": " + firstLine(r.summary()));
          break;
        }
      }
    }
    boolean ok = failed.isEmpty();
    String reason = (ok ? "passed: " + String.join(", ", passed)
        : "not passed: " + String.join("; ", failed))
        + (unavailable.isEmpty() ? "" : "; " + String.join("; ", unavailable));
    return result(task, solver, ok, reason, tests, answer, gateMillis, start);
  }

  private static InstanceResult result(Task task, Solver solver, boolean passed, String reason,
      List<TestOutcome> tests, RepoInstanceRunner.Answer answer, long gateMillis, long start) {
    return answer.result(suite(task), task.id(), solver.name(), passed, reason + answer.note(),
        tests, List.of(), Duration.ofNanos(System.nanoTime() - start).toMillis(), gateMillis);
  }

  private static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  /** Commits everything in the tree (creating the repository the first time). */
  private static void commit(Path repo, String message, boolean init) {
    PersonIdent who = new PersonIdent("ratchet", "ratchet@localhost");
    try (Git git = init ? Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()
        : Git.open(repo.toFile())) {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false)
          .setAllowEmpty(true).call();
    } catch (GitAPIException e) {
      throw new RatchetException("task repository " + repo + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
