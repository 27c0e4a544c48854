package dev.ratchet.eval.bench;

import dev.ratchet.eval.ResultsFile;
import dev.ratchet.eval.completion.CompletionEval;
import dev.ratchet.eval.completion.CompletionProblem;
import dev.ratchet.eval.completion.Completer;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustImage;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.testkit.HeapWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The completion harness's throughput on a generated 150-problem MultiPL-E-format suite with
 * replayed completions (n=1), against the reference harness's method in the same run: one plain
 * {@code rustc} per problem on the host, then the program, sequentially. The two alternate for
 * three rounds, so that a slower minute of the machine weighs on both. Also prints the sandbox's
 * per-problem overhead and the share of time in rustc.
 *
 * <p>Run with {@code scripts/bench-eval [problems] [workers]} (workers: the harness's default,
 * {@link CompletionEval.Options#defaultWorkers}). A third argument {@code --heap-only} runs the
 * harness once without the reference method; either way the harness's peak JVM heap is printed.
 */
public final class EvalThroughputBenchmark {

  private static final int ROUNDS = 3;

  private EvalThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 150;
    int workers = args.length > 1 ? Integer.parseInt(args[1])
        : CompletionEval.Options.defaultWorkers();
    boolean heapOnly = args.length > 2 && args[2].equals("--heap-only");
    List<CompletionProblem> problems = new ArrayList<>();
    Map<String, List<String>> completions = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String name = "Bench_" + i + "_poly";
      problems.add(new CompletionProblem("bench-rs", name, CompletionProblem.Format.MULTIPL_E,
          "/// A polynomial\nfn poly(x: isize) -> isize {\n", "",
          "}\n\nfn main() {\n    let candidate = poly;\n    assert_eq!(candidate(2), "
              + (4 + 2 * i + 1) + ");\n    let v: Vec<isize> = (0..10).map(candidate).collect();"
              + "\n    assert_eq!(v.len(), 10);\n}\n",
          List.of("\n}"), Optional.empty()));
      completions.put(name, List.of("\n    x * x + " + i + " * x + 1\n}\n"));
    }
    Path tmp = Files.createTempDirectory("ratchet-bench-eval");
    Path hostDir = Files.createDirectories(tmp.resolve("host"));
    CargoEnvironment env = CargoEnvironment.builder().cacheDir(tmp.resolve("cache")).build();
    Path rustc = env.toolchain().stable().resolve("bin/rustc");
    String image = RustImage.ensure(System.err::println);
    CompletionEval.Options options = new CompletionEval.Options(1, 0.0, -1, workers,
        CompletionEval.Options.programLimits(), Optional.empty());
    int cpus = Runtime.getRuntime().availableProcessors();
    long rustcNanos = 0;
    double hostSeconds = 0;
    double boxSeconds = 0;
    List<String> roundRatios = new ArrayList<>();
    CompletionEval.Summary summary = null;
    String heapReport;
    try (DockerSandbox docker = DockerSandbox.builder(image).build();
        HeapWatch heap = HeapWatch.start()) {
      if (!heapOnly) {
        hostRun(rustc, hostDir, problems.get(0).program(completions.get(
            problems.get(0).name()).get(0)));
      }
      for (int round = 0; round < (heapOnly ? 1 : ROUNDS); round++) {
        double host = 0;
        if (!heapOnly) {
          long hostStart = System.nanoTime();
          for (CompletionProblem p : problems) {
            rustcNanos += hostRun(rustc, hostDir, p.program(completions.get(p.name()).get(0)));
          }
          host = (System.nanoTime() - hostStart) / 1e9;
        }
        long start = System.nanoTime();
        summary = CompletionEval.run(problems, Completer.given("replay", completions), options,
            env, mounts -> docker.openSession(mounts, options.limits()),
            ResultsFile.at(tmp.resolve("results-" + round + ".jsonl")),
            CompletionEval.Progress.none());
        double box = (System.nanoTime() - start) / 1e9;
        hostSeconds += host;
        boxSeconds += box;
        roundRatios.add(String.format("%.2f", host / box));
      }
      heapReport = heap.report();
    } finally {
      new ProcessBuilder("rm", "-rf", tmp.toString()).start().waitFor();
    }
    int problemsRun = count * (heapOnly ? 1 : ROUNDS);
    double boxRate = problemsRun / boxSeconds * 60;
    System.out.printf("%d problems, pass@1 %.3f (%s)%n", count, summary.passAtK().get(1),
        summary.statuses());
    System.out.printf("eval heap, %d problems, %d workers: %s%n", count, workers, heapReport);
    if (heapOnly) {
      System.out.printf("ratchet eval, %d workers in the sandbox: %.0f problems/min%n", workers,
          boxRate);
      return;
    }
    double hostRate = problemsRun / hostSeconds * 60;
    System.out.printf("reference method (sequential rustc + run on the host): %.0f problems/min;"
        + " rustc is %.0f%% of its time%n", hostRate, 100.0 * rustcNanos / 1e9 / hostSeconds);
    System.out.printf("ratchet eval, %d workers on %d CPUs in the sandbox: %.0f problems/min%n",
        workers, cpus, boxRate);
    System.out.printf("ratio over %d alternating rounds: %.2f (rounds: %s; target >= 1.6)%n",
        ROUNDS, boxRate / hostRate, String.join(", ", roundRatios));
    System.out.printf("sandbox overhead per problem (CPU time the harness takes beyond the"
        + " reference's): %.0f ms%n", (boxSeconds * Math.min(workers, cpus) - hostSeconds)
        / problemsRun * 1000);
  }

  /** Compiles and runs one program; returns the nanoseconds rustc took. */
  private static long hostRun(Path rustc, Path dir, String program) throws Exception {
    Path source = dir.resolve("p.rs");
    Files.writeString(source, program);
    long start = System.nanoTime();
    Process compile = new ProcessBuilder(rustc.toString(), source.toString(), "-o",
        dir.resolve("p").toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!compile.waitFor(15, TimeUnit.SECONDS) || compile.exitValue() != 0) {
      throw new IllegalStateException("host rustc failed");
    }
    long rustcNanos = System.nanoTime() - start;
    Process run = new ProcessBuilder(dir.resolve("p").toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!run.waitFor(5, TimeUnit.SECONDS) || run.exitValue() != 0) {
      throw new IllegalStateException("host program failed");
    }
    return rustcNanos;
  }
}
