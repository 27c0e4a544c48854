package dev.ratchet.cli;

import dev.ratchet.engine.AgentLoop;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.loop.LoopListener;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelClient;
import dev.ratchet.policy.Budget;
import dev.ratchet.policy.Decision;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustGates;
import dev.ratchet.rust.SuggestionProposer;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.sandbox.policy.CommandPolicies;
import dev.ratchet.transcript.Json;
import dev.ratchet.transcript.TranscriptWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ratchet run}: the loop on a crate with real gates in the Docker sandbox, until the gates
 * pass or the budget ends.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = RatchetCommand.Version.class,
    description = {
      "Runs the loop on the crate in DIR: the model proposes an edit, the edit is applied and"
          + " committed on the scratch branch ratchet/<run-id>, the gates judge it in the Docker"
          + " sandbox, and the loop keeps, rolls back or stops, until the gates pass.",
      "Your branch and files change only when the run is accepted (a fast-forward of a clean"
          + " branch), and never with --dry-run, which prints the diff instead.",
      "The model 'suggestions' needs no LLM: it applies the compiler's and Clippy's"
          + " machine-applicable suggestions, one per iteration."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:accepted: the gates pass",
      "1:stopped or failed before the gates passed",
      "2:usage error",
      "4:DIR, Docker or the toolchain cannot be used"
    },
    footerHeading = "%nExample:%n",
    footer = {"  ratchet run --repo my-crate --gates fmt,clippy,test --max-iterations 10"})
final class RunCommand implements Callable<Integer> {
  private final Io io;

  @Option(names = "--repo", required = true, paramLabel = "DIR",
      description = "A git repository holding the crate (its HEAD is the starting point).")
  Path repo;

  @Option(names = "--task", paramLabel = "TEXT",
      description = "What to achieve, for the model (default: ${DEFAULT-VALUE}).")
  String task = "Make the gates pass: fix the compiler and Clippy warnings, keep the tests passing.";

  @Option(names = "--model", paramLabel = "MODEL",
      description = "The model: 'suggestions' (default: applies machine-applicable compiler"
          + " suggestions, no LLM), openai:BASE_URL#NAME (vLLM, SGLang, LMDeploy, llama.cpp) or"
          + " ollama:BASE_URL#NAME.")
  String model = "suggestions";

  @Option(names = "--channel", paramLabel = "CHANNEL",
      description = "How an LLM sends edits: ${COMPLETION-CANDIDATES} (default: auto, probed).")
  dev.ratchet.llm.Channel channel = dev.ratchet.llm.Channel.AUTO;

  @Mixin GateList gates;

  @Option(names = "--max-iterations", paramLabel = "N",
      description = "Model calls at the most (default: ${DEFAULT-VALUE}).")
  int maxIterations = 20;

  @Option(names = "--all-at-once",
      description = "Apply every non-overlapping suggestion in one iteration (suggestions model).")
  boolean allAtOnce;

  @Option(names = "--run-all",
      description = "Run every gate each iteration (default: stop at the first that fails).")
  boolean runAll;

  @Option(names = "--dry-run",
      description = "Never change your branch or files; print the diff instead.")
  boolean dryRun;

  @Option(names = "--transcript", paramLabel = "FILE",
      description = "Write the run as JSON lines (for ratchet replay).")
  Path transcript;

  @Option(names = "--image", paramLabel = "IMAGE",
      description = "The sandbox image (default: Ratchet's, built when missing).")
  String image;

  @Option(names = "--json", description = "Print the result as JSON on stdout.")
  boolean json;

  RunCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(repo.resolve(".git"))) {
      return io.fail(Exit.ENVIRONMENT, repo + " is not a git repository: run 'git init' and"
          + " commit the crate, or pass the repository's root.");
    }
    if (gates.unknown().isPresent()) {
      return io.fail(Exit.USAGE, gates.unknown().get());
    }
    Optional<ModelClient> llm = Optional.empty();
    if (!model.equals("suggestions")) {
      try {
        llm = Optional.of(llmClient());
      } catch (IllegalArgumentException e) {
        return io.fail(Exit.USAGE, e.getMessage() + "; or use --model suggestions.");
      }
    }
    CargoEnvironment environment = CargoEnvironment.builder().build();
    String sandboxImage = GatedWorkspace.image(io, image);
    GitWorkspace.OnAccept onAccept = dryRun
        ? GitWorkspace.OnAccept.BRANCH : GitWorkspace.OnAccept.FAST_FORWARD;
    try (GatedWorkspace gated = GatedWorkspace.open(repo, onAccept, environment, sandboxImage)) {
      GitWorkspace workspace = gated.workspace;
      DockerSandbox.Session session = gated.session;
      RustGates rust = RustGates.with(environment);
      List<Gate> pipeline = rust.pipeline(gates.names);
      Gate clippy = pipeline.stream().filter(g -> g.name().equals("clippy")).findFirst()
          .orElseGet(rust::clippy);
      ModelClient proposer = llm.orElseGet(() -> SuggestionProposer.create(clippy, workspace,
          session, allAtOnce ? SuggestionProposer.Pace.ALL_AT_ONCE
              : SuggestionProposer.Pace.ONE_AT_A_TIME));
      AgentLoop.Builder loop = AgentLoop.builder()
          .runId(workspace.runId())
          .model(proposer)
          .workspace(workspace)
          .gates(pipeline)
          .sandbox(session)
          .failFast(!runAll)
          .budget(Budget.defaults().withMaxIterations(maxIterations))
          .commandPolicy(CommandPolicies.rust())
          .approver(ConsoleApprover.system(io.err()))
          .commandEnvironment(environment)
          .listener(new Progress(pipeline.size()));
      Optional<TranscriptWriter> writer = Optional.empty();
      if (transcript != null) {
        writer = Optional.of(TranscriptWriter.open(transcript));
        loop.listener(writer.get());
      }
      LoopResult result;
      try {
        result = loop.build().run(Task.of("run", task));
      } finally {
        if (writer.isPresent()) {
          writer.get().close();
        }
      }
      report(result);
      return result.accepted() ? Exit.OK : Exit.NOT_PASSED;
    }
  }

  /** openai:URL#NAME or ollama:URL#NAME, with the chosen channel. */
  private ModelClient llmClient() {
    return dev.ratchet.llm.ModelClients.fromSpec(model).channel(channel).build();
  }

  private void report(LoopResult result) throws Exception {
    if (json) {
      io.out().println(Json.mapper().writeValueAsString(result));
      return;
    }
    String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
    io.out().println();
    io.out().println(io.styled(result.accepted() ? "@|bold,green " + outcome + "|@"
        : "@|bold,red " + outcome + "|@") + ": " + result.reason());
    io.out().println("iterations: " + result.iterations().size() + ", decisions: "
        + result.decisions().stream().map(RunCommand::decision).collect(Collectors.joining(" ")));
    if (!result.iterations().isEmpty()) {
      var last = result.iterations().get(result.iterations().size() - 1);
      io.out().println("last gates: " + gateLine(last.gates()));
    }
    if (result.diff().isBlank()) {
      io.out().println("no change kept.");
    } else {
      io.out().println(dryRun ? "diff (dry run, not applied to " + repo + "):" : "diff:");
      io.out().println(result.diff().strip());
    }
  }

  private static String decision(Decision d) {
    return d.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  static String gateLine(List<GateResult> results) {
    return results.stream().map(RunCommand::gateWord).collect(Collectors.joining("  "));
  }

  private static String gateWord(GateResult g) {
    String detail = "";
    if (!g.tests().isEmpty()) {
      long passed = g.tests().stream()
          .filter(t -> t.status() == dev.ratchet.gate.TestOutcome.Status.PASSED).count();
      detail = " " + passed + "/" + g.tests().size() + " tests";
    } else if (!g.diagnostics().isEmpty()) {
      detail = " " + g.diagnostics().size() + " diagnostics";
    }
    return g.gate() + " " + g.status() + detail;
  }


  /** One line per iteration on stderr: gates, counts, elapsed time, decision. */
  private final class Progress implements LoopListener {
    private final int pipelineSize;
    private final List<GateResult> results = new ArrayList<>();
    private long started = System.nanoTime();

    Progress(int pipelineSize) {
      this.pipelineSize = pipelineSize;
    }

    @Override
    public void onIterationStarted(LoopEvent.IterationStarted event) {
      results.clear();
      started = System.nanoTime();
    }

    @Override
    public void onGateFinished(LoopEvent.GateFinished event) {
      results.add(event.result());
      if (event.iteration() == 0 && results.size() == pipelineSize) {
        line("baseline", gateLine(results));
      }
    }

    @Override
    public void onIterationDecided(LoopEvent.IterationDecided event) {
      String reply = event.record().reply().text().lines().findFirst().orElse("");
      line("iteration " + event.iteration(), (results.isEmpty() ? "no gates ran"
          : gateLine(results)) + "  -> " + decision(event.decision())
          + (reply.isEmpty() ? "" : "  (" + reply + ")"));
    }

    private void line(String what, String text) {
      double seconds = (System.nanoTime() - started) / 1e9;
      io.err().println(io.styled("@|bold " + what + "|@") + String.format("  %.1f s  ", seconds)
          + text.replace(GateStatus.FAIL.name(), io.styled("@|red FAIL|@"))
              .replace(GateStatus.PASS.name(), io.styled("@|green PASS|@")));
      io.err().flush();
    }
  }
}
