package dev.ratchet.eval.completion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.eval.PassAtK;
import dev.ratchet.eval.ProblemResult;
import dev.ratchet.eval.ResultsFile;
import dev.ratchet.eval.Sample;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a completion suite: n samples per problem from a {@link Completer}, each program compiled
 * and run in the sandbox as the reference harness does, results appended to a results file as each
 * problem ends (a rerun skips finished problems; a crash loses at most the problems in flight),
 * with bounded parallelism: each worker owns one warm container and one scratch directory.
 */
public final class CompletionEval {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How to run.
   *
   * @param samples completions per problem (n)
   * @param temperature recorded with the results (the completer samples at it)
   * @param seed recorded with the results (-1 for none)
   * @param workers problems run at once
   * @param limits memory, pids and output limits per program (time limits are the reference's)
   * @param multiplEDir where to write MultiPL-E-style result JSON files, one per problem
   */
  public record Options(int samples, double temperature, long seed, int workers, Limits limits,
      Optional<Path> multiplEDir) {

    /** Validates. */
    public Options {
      if (samples < 1 || workers < 1) {
        throw new IllegalArgumentException("samples and workers must be at least 1");
      }
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(multiplEDir, "multiplEDir");
    }

    /**
     * A worker's container: 1 GiB, 256 processes, 64 KiB of output per stream, and no CPU quota,
     * as the reference harnesses have none (workers share the machine's CPUs, as parallel
     * reference runs would). The time limits are the reference harnesses', per command: the
     * compiler's and the program's (30 s here is only the field's value).
     */
    public static Limits programLimits() {
      return new Limits(Duration.ofSeconds(30), 1L << 30, 256,
          Runtime.getRuntime().availableProcessors(), 64 * 1024);
    }

    /**
     * One worker more than there are CPUs: a worker leaves its CPU idle while it waits for the
     * model, writes files, or sends a command to its container and reads the reply, and the
     * extra worker fills those gaps (on 2 CPUs, 3 workers run the benchmark suite about 8% faster
     * than 2).
     */
    public static int defaultWorkers() {
      return Runtime.getRuntime().availableProcessors() + 1;
    }

    /** One sample, no sampling settings recorded, {@link #defaultWorkers}, {@link #programLimits}. */
    public static Options defaults() {
      return new Options(1, Double.NaN, -1, defaultWorkers(), programLimits(), Optional.empty());
    }
  }

  /** Told after each problem of a run: how many of the problems to run are done, of how many. */
  @FunctionalInterface
  public interface Progress {
    /** Called from the worker that finished a problem; {@code done} only grows. */
    void update(int done, int total);

    /** Progress nobody watches. */
    static Progress none() {
      return (done, total) -> { };
    }
  }

  /** Per-suite figures. */
  public record Summary(String suite, String model, int problems, int samples,
      Map<Integer, Double> passAtK, Map<String, Integer> statuses, long millis) {}

  private CompletionEval() {}

  /**
   * Runs every problem not yet in {@code results}; returns the summary over all of the file's
   * results for this suite and model.
   *
   * @param sessions opens a warm sandbox for a worker, given its mounts
   */
  public static Summary run(List<CompletionProblem> problems, Completer completer,
      Options options, CargoEnvironment environment, Function<List<Mount>, Sandbox> sessions,
      ResultsFile results, Progress progress) throws InterruptedException {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("the suite has no problems");
    }
    String suite = problems.get(0).suite();
    Set<String> done = results.done(suite, completer.name());
    List<CompletionProblem> todo = problems.stream().filter(p -> !done.contains(p.name()))
        .toList();
    long start = System.nanoTime();
    if (!todo.isEmpty()) {
      runAll(todo, completer, options, environment, sessions, results, progress);
    }
    return summarize(suite, completer.name(), results, options.samples(),
        (System.nanoTime() - start) / 1_000_000);
  }

  private static void runAll(List<CompletionProblem> todo, Completer completer, Options options,
      CargoEnvironment environment, Function<List<Mount>, Sandbox> sessions, ResultsFile results,
      Progress progress) throws InterruptedException {
    int workers = Math.min(options.workers(), todo.size());
    boolean cargo = todo.stream().anyMatch(p ->
        p.format() == CompletionProblem.Format.HUMANEVAL_X);
    BlockingQueue<ProgramRunner> pool = new ArrayBlockingQueue<>(workers);
    List<ProgramRunner> runners = new ArrayList<>();
    ExecutorService executor = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "ratchet-eval-worker");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int w = 0; w < workers; w++) {
        Path scratch = Files.createTempDirectory("ratchet-eval-" + w);
        Files.setPosixFilePermissions(scratch,
            java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path project = cargoProject(scratch.resolve("hx"), w, cargo, environment);
        ProgramRunner runner = ProgramRunner.open(scratch, project, environment, sessions,
            options.limits());
        runners.add(runner);
        pool.add(runner);
      }
      AtomicInteger finished = new AtomicInteger();
      List<Future<?>> futures = new ArrayList<>();
      for (CompletionProblem problem : todo) {
        futures.add(executor.submit(() -> {
          ProgramRunner runner = pool.take();
          try {
            ProblemResult result = solve(problem, completer, options, runner);
            results.append(result);
            options.multiplEDir().ifPresent(dir -> writeMultiplE(dir, problem, result));
          } finally {
            pool.add(runner);
          }
          progress.update(finished.incrementAndGet(), todo.size());
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(cause);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the workers' directories", e);
    } finally {
      executor.shutdownNow();
      runners.forEach(ProgramRunner::close);
    }
  }

  private static ProblemResult solve(CompletionProblem problem, Completer completer,
      Options options, ProgramRunner runner) {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < options.samples(); i++) {
      Completer.Completion c = completer.complete(problem, i);
      String completion = problem.cut(c.text());
      String program = problem.program(c.text());
      ProgramRunner.Run run = problem.format() == CompletionProblem.Format.MULTIPL_E
          ? runner.rustc(program) : runner.cargoTest(program);
      samples.add(new Sample(i, completion, run.status(), run.exitCode(), run.stdout(),
          run.stderr(), run.millis(), c.millis(), c.inputTokens(), c.outputTokens()));
    }
    return new ProblemResult(problem.suite(), problem.name(), completer.name(),
        options.temperature(), options.seed(), samples);
  }

  /** A cargo project with HumanEval-X's dependencies, fetched once on the host. */
  private static Path cargoProject(Path dir, int worker, boolean fetch,
      CargoEnvironment environment) throws IOException {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("Cargo.toml"), "[package]\nname = \"humaneval-x-" + worker
        + "\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n"
        + "rand = \"0.4\"\nregex = \"1\"\nmd5 = \"0.7\"\n");
    Files.writeString(dir.resolve("src/main.rs"), "fn main() {}\n");
    if (fetch) {
      environment.fetch(dir);
    }
    return dir;
  }

  private static void writeMultiplE(Path dir, CompletionProblem problem, ProblemResult result) {
    ObjectNode json = JSON.createObjectNode().put("name", problem.name())
        .put("language", "rs").put("prompt", problem.prompt()).put("tests", problem.tests());
    ArrayNode completions = json.putArray("completions");
    ArrayNode stops = json.putArray("stop_tokens");
    problem.stopTokens().forEach(stops::add);
    ArrayNode runs = json.putArray("results");
    for (Sample s : result.samples()) {
      completions.add(s.completion());
      runs.addObject().put("program", problem.program(s.completion()))
          .put("status", s.status().reference()).put("stdout", s.stdout())
          .put("stderr", s.stderr()).put("exit_code", s.exitCode());
    }
    try {
      Files.createDirectories(dir);
      // Task ids such as "Rust/0" are not file names.
      String file = problem.name().replaceAll("[^A-Za-z0-9_.-]", "_") + ".results.json";
      Files.writeString(dir.resolve(file),
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write MultiPL-E results to " + dir, e);
    }
  }

  /** The suite's figures over the results file. */
  public static Summary summarize(String suite, String model, ResultsFile results, int n,
      long millis) {
    List<ProblemResult> mine = results.read().stream()
        .filter(r -> r instanceof ProblemResult).map(r -> (ProblemResult) r)
        .filter(r -> r.suite().equals(suite) && r.model().equals(model)).toList();
    Map<Integer, Double> passAt = new LinkedHashMap<>();
    for (int k : PassAtK.REPORTED_K) {
      int kk = k;
      if (!mine.isEmpty() && mine.stream().allMatch(r -> r.n() >= kk)) {
        passAt.put(k, mine.stream().mapToDouble(r -> PassAtK.estimate(r.n(), r.correct(), kk))
            .average().orElse(0));
      }
    }
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (ProblemResult r : mine) {
      for (Sample s : r.samples()) {
        statuses.merge(s.status().reference(), 1, Integer::sum);
      }
    }
    return new Summary(suite, model, mine.size(), mine.stream().mapToInt(ProblemResult::n).sum(),
        passAt, statuses, millis);
  }
}
