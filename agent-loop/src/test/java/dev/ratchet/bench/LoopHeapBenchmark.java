package dev.ratchet.bench;

import dev.ratchet.action.Edit;
import dev.ratchet.engine.AgentLoop;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.engine.policy.Policies;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.policy.Budget;
import dev.ratchet.testkit.FakeGate;
import dev.ratchet.testkit.FakeSandbox;
import dev.ratchet.testkit.HeapWatch;
import dev.ratchet.transcript.TranscriptWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JVM heap a long loop needs: {@code iterations} iterations on the generated 2,000-file
 * repository, each a model reply that writes a 60-line file, three gates that fail with a
 * {@code logKiB} log each (all run every iteration), a transcript on disk. Reports the peak heap
 * in use, the peak that survived a collection, and what the finished result retains.
 *
 * <p>Run with {@code scripts/bench-heap} (which gives the JVM {@code -Xmx256m}: finishing at all
 * is the first check). Arguments: {@code [iterations] [logKiB]}.
 */
public final class LoopHeapBenchmark {
  private LoopHeapBenchmark() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int logKiB = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    Path dir = Files.createTempDirectory("ratchet-heap");
    Path repo = LoopOverheadBenchmark.repository(dir.resolve("repo"));
    String log = "warning: a line of a gate's log, as cargo prints them\n"
        .repeat(logKiB * 1024 / 56);
    List<Gate> gates = List.of("fmt", "clippy", "test").stream()
        .map(name -> (Gate) FakeGate.of(name, ctx -> new GateResult(name, GateStatus.FAIL,
            List.of(), List.of(), Map.of(), "x".repeat(2000), log, Duration.ofMillis(5))))
        .toList();

    LoopResult result;
    long start = System.nanoTime();
    try (HeapWatch heap = HeapWatch.start();
        GitWorkspace ws = GitWorkspace.builder(repo).runId("heap").open();
        TranscriptWriter transcript = TranscriptWriter.open(dir.resolve("run.jsonl"))) {
      result = AgentLoop.builder()
          .model(request -> ModelReply.of("step " + request.iteration(),
              List.of(Edit.writeFile("src/gen_" + request.iteration() + ".rs",
                  "pub fn f() -> u32 {\n    1\n}\n".repeat(20))),
              new TokenUsage(3000, 400)))
          .workspace(ws)
          .gates(gates)
          .failFast(false)
          .sandbox(FakeSandbox.exitCode(0, ""))
          .policy(Policies.all(Policies.budget(Budget.defaults()
              .withMaxIterations(iterations)), Policies.acceptWhenGatesPass(),
              Policies.ratchet()))   // no stop for want of progress: run every iteration
          .listener(transcript)
          .build()
          .run(Task.of("heap", "keep going"));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.gc();
      long retained = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
      System.out.printf(Locale.ROOT, "loop: %d iterations, 3 gates x %d KiB logs each,"
          + " outcome %s, %.1f s%n", result.iterations().size(), logKiB, result.outcome(),
          seconds);
      System.out.println("loop heap: " + heap.report());
      System.out.printf(Locale.ROOT, "loop heap retained with the result held: %.1f MiB;"
          + " target peak <= 256 MiB: %s%n", retained / 1048576.0,
          heap.peakUsedBytes() <= 256L << 20 ? "met" : "MISSED");
    } finally {
      new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
    }
  }
}
