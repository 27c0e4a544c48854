package dev.ratchet.engine;

import dev.ratchet.action.Edit;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelReply;
import dev.ratchet.transcript.TranscriptReader;
import dev.ratchet.transcript.TranscriptWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A loop run in its own JVM for the crash-resume test: four scripted steps, each adding a line;
 * the gate fails one test per missing step. In {@code crash} mode the gate of iteration 3 writes a
 * marker and hangs, so the test can kill the JVM mid-iteration.
 *
 * <p>Arguments: {@code full|crash|resume REPO WORKTREE TRANSCRIPT MARKER}.
 */
public final class CrashResumeDriver {
  static final int STEPS = 4;
  static final Task TASK = Task.of("steps", "add the four steps");

  private CrashResumeDriver() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path repo = Path.of(args[1]);
    Path tree = Path.of(args[2]);
    Path transcript = Path.of(args[3]);
    Path marker = Path.of(args[4]);
    LoopResult result;
    try (TranscriptWriter writer = TranscriptWriter.open(transcript)) {
      if (mode.equals("resume")) {
        TranscriptReader.Transcript t = TranscriptReader.read(transcript);
        try (GitWorkspace ws = GitWorkspace.builder(repo).runId(t.runId()).workTree(tree)
            .resume(t.base()).open()) {
          result = loop(ws, writer, false, marker, t.runId()).resume(t.task(), t.resumePoint());
        }
      } else {
        try (GitWorkspace ws = GitWorkspace.builder(repo).runId("crash").workTree(tree).open()) {
          result = loop(ws, writer, mode.equals("crash"), marker, "crash").run(TASK);
        }
      }
    }
    System.out.println("outcome=" + result.outcome());
    System.exit(result.accepted() ? 0 : 1);
  }

  static AgentLoop loop(GitWorkspace ws, TranscriptWriter writer, boolean hang, Path marker,
      String runId) {
    List<ModelReply> replies = new ArrayList<>();
    for (int s = 1; s <= STEPS; s++) {
      replies.add(ModelReply.of(Edit.patch("src/lib.rs\n<<<<<<< SEARCH\n// end\n=======\n"
          + "// step " + s + "\n// end\n>>>>>>> REPLACE\n")));
    }
    Gate gate = new Gate() {
      @Override
      public String name() {
        return "steps";
      }

      @Override
      public GateResult run(GateContext ctx) {
        if (hang && ctx.iteration() == 3) {
          try {
            Files.writeString(marker, "in gate 3\n");
            Thread.sleep(Duration.ofMinutes(5).toMillis());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
        String text = ctx.workspace().read("src/lib.rs").orElse("");
        long missing = IntStream.rangeClosed(1, STEPS)
            .filter(s -> !text.contains("// step " + s)).count();
        List<TestOutcome> tests = new ArrayList<>();
        for (int k = 0; k < missing; k++) {
          tests.add(new TestOutcome("step_" + k, TestOutcome.Status.FAILED, "missing",
              Duration.ZERO));
        }
        return new GateResult("steps", missing == 0 ? GateStatus.PASS : GateStatus.FAIL,
            List.of(), tests, Map.of(), missing + " steps missing", "", Duration.ZERO);
      }
    };
    return AgentLoop.builder()
        .runId(runId)
        .model(r -> replies.get(r.iteration() - 1))
        .workspace(ws)
        .gate(gate)
        .listener(writer)
        .build();
  }
}
