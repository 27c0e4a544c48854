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
 * {@code rustc} per problem on the host, then the program, sequentially. Also prints the
 * sandbox's per-problem overhead and the share of time in rustc.
 *
 * <p>Run with {@code scripts/bench-eval [problems] [workers]}. A third argument {@code --heap-only}
 * skips the reference method; either way the harness's peak JVM heap is printed.
 */
public final class EvalThroughputBenchmark {

  private EvalThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 150;
    int workers = args.length > 1 ? Integer.parseInt(args[1])
        : Runtime.getRuntime().availableProcessors();
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
    boolean heapOnly = args.length > 2 && args[2].equals("--heap-only");
    Path rustc = env.toolchain().stable().resolve("bin/rustc");
    long rustcNanos = 0;
    double hostSeconds = 0;
    if (!heapOnly) {
      // Warm both paths once.
      hostRun(rustc, hostDir, problems.get(0).program(completions.get(problems.get(0).name())
          .get(0)));
      long hostStart = System.nanoTime();
      for (CompletionProblem p : problems) {
        rustcNanos += hostRun(rustc, hostDir, p.program(completions.get(p.name()).get(0)));
      }
      hostSeconds = (System.nanoTime() - hostStart) / 1e9;
    }

    String image = RustImage.ensure(System.err::println);
    CompletionEval.Options options = new CompletionEval.Options(1, 0.0, -1, workers,
        CompletionEval.Options.programLimits(), Optional.empty());
    double boxSeconds;
    CompletionEval.Summary summary;
    String heapReport;
    try (DockerSandbox docker = DockerSandbox.builder(image).build();
        HeapWatch heap = HeapWatch.start()) {
      long start = System.nanoTime();
      summary = CompletionEval.run(problems, Completer.given("replay", completions), options,
          env, mounts -> docker.openSession(mounts, options.limits()),
          ResultsFile.at(tmp.resolve("results.jsonl")),
          CompletionEval.Progress.none());
      boxSeconds = (System.nanoTime() - start) / 1e9;
      heapReport = heap.report();
    } finally {
      new ProcessBuilder("rm", "-rf", tmp.toString()).start().waitFor();
    }
    double hostRate = count / hostSeconds * 60;
    double boxRate = count / boxSeconds * 60;
    System.out.printf("%d problems, pass@1 %.3f (%s)%n", count, summary.passAtK().get(1),
        summary.statuses());
    System.out.printf("eval heap, %d problems, %d workers: %s%n", count, workers, heapReport);
    if (heapOnly) {
      System.out.printf("ratchet eval, %d workers in the sandbox: %.0f problems/min%n", workers,
          boxRate);
      return;
    }
    System.out.printf("reference method (sequential rustc + run on the host): %.0f problems/min;"
        + " rustc is %.0f%% of its time%n", hostRate, 100.0 * rustcNanos / 1e9 / hostSeconds);
    System.out.printf("ratchet eval, %d workers in the sandbox: %.0f problems/min; ratio %.2f"
        + " (target >= 1.6)%n", workers, boxRate, boxRate / hostRate);
    System.out.printf("sandbox overhead per problem, workers considered: %.0f ms%n",
        (boxSeconds * workers - hostSeconds) / count * 1000);
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
