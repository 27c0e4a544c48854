package dev.ratchet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ratchet.engine.AgentLoop;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.ActionOutcome;
import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.policy.Budget;
import dev.ratchet.policy.Decision;
import dev.ratchet.transcript.Json;
import dev.ratchet.transcript.ReplayGates;
import dev.ratchet.transcript.ReplayModelClient;
import dev.ratchet.transcript.TranscriptReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ratchet replay}: re-runs a recorded run with the recorded replies and gate results, and
 * checks that it ends the same way.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = RatchetCommand.Version.class,
    description = {
      "Re-runs a recorded run without a model: the transcript's replies stand in for the model"
          + " and its gate results for the gates.",
      "The replay works on a new scratch branch ratchet/<run-id> of DIR; your branch and files"
          + " are not touched. It matches when it ends with the recorded outcome, after as many"
          + " iterations, with the same diff."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the replay matches the recorded run",
      "1:the replay differs (stderr says how)",
      "2:usage error",
      "4:TRANSCRIPT or DIR cannot be used"
    },
    footerHeading = "%nExample:%n",
    footer = {"  ratchet replay runs/fix-warning.jsonl --repo my-crate"})
final class ReplayCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "TRANSCRIPT",
      description = "A transcript (JSON lines) a TranscriptWriter wrote during the run.")
  Path transcriptFile;

  @Option(names = "--repo", required = true, paramLabel = "DIR",
      description = "The git repository the run was recorded on (or a copy of it).")
  Path repo;

  @Option(names = "--json", description = "Print the replayed LoopResult as JSON on stdout.")
  boolean json;

  ReplayCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    if (!Files.isRegularFile(transcriptFile) || !Files.isReadable(transcriptFile)) {
      return io.fail(Exit.ENVIRONMENT, "no readable transcript at " + transcriptFile
          + ": pass the JSON-lines file a TranscriptWriter wrote during the run.");
    }
    if (!Files.isDirectory(repo) || !Files.exists(repo.resolve(".git"))) {
      return io.fail(Exit.ENVIRONMENT, repo + " is not the root of a git repository: pass --repo"
          + " the repository the run was recorded on, or a copy of it.");
    }
    TranscriptReader.Transcript transcript = TranscriptReader.read(transcriptFile);
    Optional<LoopResult> recordedResult = transcript.result();
    if (recordedResult.isEmpty()) {
      return io.fail(Exit.ENVIRONMENT, "the transcript " + transcriptFile + " ends before the"
          + " run finished: replay the transcript of a finished run.");
    }
    LoopResult recorded = recordedResult.get();
    LoopResult replayed;
    try (GitWorkspace workspace = GitWorkspace.builder(repo)
        .onAccept(GitWorkspace.OnAccept.BRANCH)
        .open()) {
      if (!workspace.base().equals(transcript.base())) {
        io.err().println("note: " + repo + " is at " + workspace.base().abbreviated()
            + "; the run was recorded from " + transcript.base().abbreviated()
            + ". The replay starts from " + workspace.base().abbreviated() + ".");
      }
      replayed = AgentLoop.builder()
          .runId(workspace.runId())
          .model(ReplayModelClient.of(transcript))
          .workspace(workspace)
          .gates(ReplayGates.of(transcript))
          .budget(Budget.defaults().withMaxIterations(iterationLimit(recorded)))
          .baseline(recordedBaseline(transcript))
          .modelRetries(0, Duration.ZERO)
          .build()
          .run(transcript.task());
    }
    List<String> differences = differences(recorded, replayed);
    if (json) {
      io.out().println(Json.mapper().writeValueAsString(replayed));
    } else {
      printReport(transcript, recorded, replayed);
    }
    if (differences.isEmpty()) {
      if (!json) {
        io.out().println(io.styled("@|bold,green the replay matches the recorded run|@"));
      }
      return Exit.OK;
    }
    io.err().println(io.styled("@|bold,red the replay differs from the recorded run:|@"));
    differences.forEach(d -> io.err().println("  " + d));
    return Exit.NOT_PASSED;
  }

  /** Whether the recorded run judged the tree before the first edit (the default: it did). */
  private static boolean recordedBaseline(TranscriptReader.Transcript transcript) {
    boolean recordedGates = !transcript.gateResults().isEmpty();
    return !recordedGates || transcript.gateResults().containsKey(0);
  }

  /**
   * The recorded run's iteration count as the budget, so a run its own budget stopped stops at
   * the same place; one more when it failed, so the replay reaches the call that failed.
   */
  private static int iterationLimit(LoopResult recorded) {
    int n = recorded.iterations().size();
    if (recorded.outcome() == LoopResult.Outcome.FAILED) {
      n++;
    }
    return Math.max(1, n);
  }

  private static List<String> differences(LoopResult recorded, LoopResult replayed) {
    List<String> out = new ArrayList<>();
    if (recorded.outcome() != replayed.outcome()) {
      out.add("outcome: recorded " + recorded.outcome() + " (" + recorded.reason()
          + "), replayed " + replayed.outcome() + " (" + replayed.reason() + ")");
    }
    if (recorded.iterations().size() != replayed.iterations().size()) {
      out.add("iterations: recorded " + recorded.iterations().size() + ", replayed "
          + replayed.iterations().size());
    }
    if (!recorded.diff().equals(replayed.diff())) {
      out.add("diff: the replayed diff (" + lines(replayed.diff()) + " lines) is not the"
          + " recorded one (" + lines(recorded.diff()) + " lines)");
    }
    return out;
  }

  private static long lines(String text) {
    return text.lines().count();
  }

  private void printReport(TranscriptReader.Transcript transcript, LoopResult recorded,
      LoopResult replayed) {
    io.out().println("replayed run " + transcript.runId() + " (task " + transcript.task().id()
        + ") as run " + replayed.runId());
    io.out().println("outcome: " + io.styled(outcomeMarkup(replayed.outcome()))
        + " (recorded: " + recorded.outcome() + ")");
    io.out().println("reason: " + replayed.reason());
    io.out().println("iterations: " + replayed.iterations().size() + " (recorded: "
        + recorded.iterations().size() + ")");
    for (int i = 0; i < replayed.iterations().size(); i++) {
      Iteration it = replayed.iterations().get(i);
      Decision decision = replayed.decisions().get(i);
      io.out().println("  " + it.index() + ". " + outcomes(it) + "; gates: " + gates(it)
          + "; " + describe(decision));
    }
    if (replayed.diff().isEmpty()) {
      io.out().println("diff: (none)");
    } else {
      io.out().println("diff:");
      io.out().print(replayed.diff().endsWith("\n") ? replayed.diff() : replayed.diff() + "\n");
    }
  }

  private static String outcomeMarkup(LoopResult.Outcome outcome) {
    String colour = outcome == LoopResult.Outcome.ACCEPTED ? "green" : "red";
    return "@|bold," + colour + " " + outcome + "|@";
  }

  private static String outcomes(Iteration it) {
    if (it.outcomes().isEmpty()) {
      return "no actions";
    }
    return it.outcomes().stream()
        .map(o -> o.status().name().toLowerCase(Locale.ROOT)
            + (o.status() == ActionOutcome.Status.REJECTED ? " edit" : ""))
        .collect(Collectors.joining(", "));
  }

  private static String gates(Iteration it) {
    if (it.gates().isEmpty()) {
      return "not run";
    }
    return it.gates().stream().map(g -> g.gate() + " " + g.status())
        .collect(Collectors.joining(", "));
  }

  private static String describe(Decision d) {
    String kind;
    if (d instanceof Decision.Accept) {
      kind = "accept";
    } else if (d instanceof Decision.Stop) {
      kind = "stop";
    } else if (d instanceof Decision.RollbackAndContinue) {
      kind = "roll back";
    } else {
      kind = "continue";
    }
    return d.reason().isEmpty() ? kind : kind + ": " + d.reason();
  }
}
