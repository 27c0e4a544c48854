package dev.ratchet.cli;

import dev.ratchet.eval.InstanceResult;
import dev.ratchet.eval.ResultsFile;
import dev.ratchet.eval.completion.Completer;
import dev.ratchet.eval.completion.CompletionEval;
import dev.ratchet.eval.completion.CompletionFiles;
import dev.ratchet.eval.completion.CompletionProblem;
import dev.ratchet.eval.completion.CompletionSuites;
import dev.ratchet.eval.repo.Predictions;
import dev.ratchet.eval.repo.RepoInstance;
import dev.ratchet.eval.repo.RepoInstanceRunner;
import dev.ratchet.eval.repo.RepoSuites;
import dev.ratchet.eval.repo.Solver;
import dev.ratchet.eval.tasks.TaskPack;
import dev.ratchet.eval.tasks.TaskRunner;
import dev.ratchet.llm.ModelClients;
import dev.ratchet.models.ModelCatalog;
import dev.ratchet.models.ModelProfile;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.sandbox.docker.SandboxPool;
import dev.ratchet.sandbox.policy.CommandPolicies;
import dev.ratchet.transcript.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ratchet eval}: measure a model on a suite, results appended to a JSON-lines file. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    versionProvider = RatchetCommand.Version.class,
    description = {
      "Measures a model's Rust ability on a completion suite: n completions per problem,"
          + " each compiled and run in the sandbox as the reference harness does (MultiPL-E:"
          + " plain rustc, 15 s to compile, 5 s to run; HumanEval-X: cargo test with rand,"
          + " regex and md5), statuses OK, SyntaxError, Exception, Timeout and OOM, and pass@k.",
      "Results are appended to RESULTS as each problem ends: a rerun skips finished problems,"
          + " and Ctrl-C leaves a consistent file. 'ratchet rank RESULTS' ranks models from it.",
      "Reference runs check the harness before GPU hours are spent: --model gold (the data"
          + " set's solutions; HumanEval-X) should pass everything, --model empty nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the suite ran", "2:usage error", "4:data, Docker or the model server"
        + " cannot be used"},
    footerHeading = "%nExamples:%n",
    footer = {
      "  ratchet eval --suite humaneval-rs --data humaneval-rs.jsonl --model openai:http://127.0.0.1:8000/v1#qwen -n 5 --temperature 0.2",
      "  ratchet eval --suite humaneval-x-rs --data humaneval_x_rust.jsonl --model gold",
      "  ratchet eval --suite mbpp-rs --data mbpp-rs.jsonl --completions completions/",
      "  ratchet eval --suite multi-swe-bench --data rust.jsonl --repos clones/ --model gold"
          + " --predictions predictions.jsonl --report resolved.md"
    })
final class EvalCommand implements Callable<Integer> {
  private final Io io;

  @Option(names = "--suite", required = true, paramLabel = "SUITE",
      description = "Completion suites: humaneval-rs, mbpp-rs (MultiPL-E files), humaneval-x-rs."
          + " Repository suites: multi-swe-bench, swe-bench-ml (Rust rows, with --repos),"
          + " folder (Ratchet's folder format), or tasks (the bundled systems-engineering pack).")
  String suite;

  @Option(names = "--data", paramLabel = "PATH",
      description = "The suite's data file (JSON lines or a JSON array), or the folder suite's"
          + " directory (not needed for tasks: the pack is bundled).")
  Path data;

  @Option(names = "--repos", paramLabel = "DIR",
      description = "Local clones for repository suites: DIR/org/repo or DIR/repo.")
  Path repos;

  @Option(names = "--predictions", paramLabel = "FILE",
      description = "Repository suites: also write SWE-bench predictions.jsonl here.")
  Path predictions;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Repository suites: also write a Markdown report of resolved instances.")
  Path report;

  @Option(names = "--model", paramLabel = "MODEL",
      description = "gold, empty, openai:BASE_URL#NAME or ollama:BASE_URL#NAME.")
  String model;

  @Option(names = "--completions", paramLabel = "PATH",
      description = "Score completions made elsewhere: a MultiPL-E completions directory or a"
          + " JSON-lines file of {name|task_id, completion}.")
  Path completions;

  @Option(names = {"-n", "--samples"}, paramLabel = "N",
      description = "Completions per problem (default: ${DEFAULT-VALUE}).")
  int samples = 1;

  @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature.")
  Double temperature;

  @Option(names = "--seed", paramLabel = "S", description = "Sampling seed.")
  Integer seed;

  @Option(names = "--json", description = "Print the summary as JSON on stdout (the results"
      + " file has every sample).")
  boolean json;

  @Option(names = "--vision", negatable = true,
      description = "The model reads images, so tasks that come with a picture are given it;"
          + " --no-vision marks them not applicable (default: what the built-in catalog says of"
          + " the served model name, else no).")
  Boolean vision;

  @Option(names = "--docker-host", paramLabel = "URL", split = ",",
      description = "The Docker daemons to run in (default: DOCKER_HOST, else the local socket);"
          + " several spread a completion suite's workers over them (each needs the image and"
          + " the same paths).")
  List<String> dockerHosts = new java.util.ArrayList<>();

  @Option(names = "--workers", paramLabel = "W",
      description = "Problems run at once (default: the CPU count plus one, which keeps the"
          + " CPUs busy while a worker waits).")
  int workers = CompletionEval.Options.defaultWorkers();

  @Option(names = "--results", paramLabel = "RESULTS",
      description = "The results file (default: ${DEFAULT-VALUE}).")
  Path results = Path.of("results.jsonl");

  @Option(names = "--multipl-e-dir", paramLabel = "DIR",
      description = "Also write MultiPL-E-style result JSON files, one per problem, here.")
  Path multiplEDir;

  EvalCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    if (suite.equals("tasks") && data == null) {
      data = Path.of(".");
    }
    if (data == null) {
      return io.fail(Exit.USAGE, "--data is required for suite " + suite + ".");
    }
    if (!Files.exists(data)) {
      return io.fail(Exit.ENVIRONMENT, "no data " + data + ": pass --data the suite's"
          + " JSON-lines file or folder (data sets do not ship with Ratchet).");
    }
    if ((model == null) == (completions == null)) {
      return io.fail(Exit.USAGE, "name exactly one of --model and --completions.");
    }
    if (List.of("multi-swe-bench", "swe-bench-ml", "folder", "tasks").contains(suite)) {
      return repositorySuite();
    }
    List<CompletionProblem> problems;
    try {
      problems = switch (suite) {
        case "humaneval-rs", "mbpp-rs" -> CompletionSuites.multiplE(suite, data);
        case "humaneval-x-rs" -> CompletionSuites.humanEvalX(data);
        default -> null;
      };
    } catch (IllegalArgumentException e) {
      return badData(e);
    }
    if (problems == null) {
      return io.fail(Exit.USAGE, "unknown suite '" + suite + "': use humaneval-rs, mbpp-rs or"
          + " humaneval-x-rs.");
    }
    if ("gold".equals(model) && problems.stream().anyMatch(p -> p.solution().isEmpty())) {
      return io.fail(Exit.USAGE, suite + " has no reference solutions (MultiPL-E ships none):"
          + " --model gold works with humaneval-x-rs; check a MultiPL-E setup with --model empty"
          + " or --completions.");
    }
    Completer completer;
    try {
      completer = completer();
    } catch (IllegalArgumentException e) {
      return io.fail(Exit.USAGE, e.getMessage());
    }
    CargoEnvironment environment = CargoEnvironment.builder().build();
    String image = GatedWorkspace.image(io, null);
    CompletionEval.Options options = new CompletionEval.Options(samples,
        temperature == null ? Double.NaN : temperature, seed == null ? -1 : seed, workers,
        CompletionEval.Options.programLimits(),
        Optional.ofNullable(multiplEDir));
    SandboxPool.Builder hosts = SandboxPool.builder(image);
    (dockerHosts.isEmpty() ? List.of(DockerSandbox.defaultDockerHost()) : dockerHosts)
        .forEach(hosts::host);
    try (SandboxPool pool = hosts.build()) {
      ProgressBar bar = ProgressBar.on(io, "problems");
      CompletionEval.Summary summary = CompletionEval.run(problems, completer, options,
          environment, mounts -> pool.openSession(mounts, options.limits()),
          ResultsFile.at(results), (done, total) -> bar.update(done, total, ""));
      bar.finish();
      if (json) {
        var out = Json.mapper().createObjectNode().put("suite", suite)
            .put("model", summary.model()).put("problems", summary.problems())
            .put("samples", summary.samples()).put("results", results.toString());
        var passAt = out.putObject("passAtK");
        summary.passAtK().forEach((k, v) -> passAt.put(String.valueOf(k), v));
        var statuses = out.putObject("statuses");
        summary.statuses().forEach(statuses::put);
        io.out().println(Json.mapper().writeValueAsString(out));
      } else {
        io.out().println(suite + " " + summary.model() + ": " + summary.problems()
            + " problems, " + summary.samples() + " samples; " + summary.passAtK().entrySet()
                .stream()
                .map(e -> String.format(Locale.ROOT, "pass@%d %.3f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "))
            + "; " + summary.statuses() + " (results in " + results + ")");
      }
      io.out().flush();
      return Exit.OK;
    }
  }

  /** Each instance: a private clone at the base, the loop (or gold/empty), the named tests. */
  private int repositorySuite() throws Exception {
    if (dockerHosts.size() > 1) {
      return io.fail(Exit.USAGE, "repository suites and the task pack run on one Docker host;"
          + " give --docker-host once (several spread completion suites only).");
    }
    if (completions != null) {
      return io.fail(Exit.USAGE, "--completions is for completion suites; repository suites"
          + " take --model gold, empty or a model server.");
    }
    if (List.of("multi-swe-bench", "swe-bench-ml").contains(suite) && repos == null) {
      return io.fail(Exit.USAGE, suite + " needs --repos DIR with local clones of its"
          + " repositories.");
    }
    TaskPack pack = suite.equals("tasks") ? TaskPack.bundled() : null;
    List<String> ids = pack != null ? pack.ids() : null;
    List<RepoInstance> instances;
    try {
      instances = switch (suite) {
        case "tasks" -> List.of();
        case "multi-swe-bench" -> RepoSuites.multiSweBench(data, repos);
        case "swe-bench-ml" -> RepoSuites.sweBenchMultilingual(data, repos);
        default -> repos == null ? RepoSuites.folder(data) : RepoSuites.folder(data, repos);
      };
    } catch (IllegalArgumentException e) {
      return badData(e);
    }
    Solver solver = switch (model) {
      case "gold" -> Solver.gold();
      case "empty" -> Solver.empty();
      default -> {
        // Checks the spec now, not per instance; results carry the client's name
        // (openai:NAME), as completion suites do, so rank sees one model.
        String name = modelClient().name();
        yield Solver.model(name, this::modelClient, takesImages());
      }
    };
    ResultsFile file = ResultsFile.at(results);
    CargoEnvironment environment = CargoEnvironment.builder().build();
    String image = GatedWorkspace.image(io, null);
    try (DockerSandbox docker = DockerSandbox.builder(image).dockerHost(dockerHosts.isEmpty()
        ? DockerSandbox.defaultDockerHost() : dockerHosts.get(0)).build()) {
      RepoInstanceRunner runner = RepoInstanceRunner.builder(docker, environment)
          .configureLoop((instance, loop) -> loop.commandPolicy(CommandPolicies.rust())
              .commandEnvironment(environment))
          .build();
      String suiteName = pack != null ? TaskRunner.SUITE
          : instances.isEmpty() ? suite : instances.get(0).suite();
      java.util.Set<String> suites = pack != null ? TaskRunner.SUITES : java.util.Set.of(suiteName);
      java.util.Set<String> done = new java.util.HashSet<>();
      suites.forEach(s -> done.addAll(file.done(s, solver.name())));
      TaskRunner tasks = TaskRunner.create(docker, environment, runner);
      int total = pack != null ? ids.size() : instances.size();
      List<Integer> todo = java.util.stream.IntStream.range(0, total).filter(n -> !done.contains(
          pack != null ? ids.get(n) : instances.get(n).id())).boxed().toList();
      ProgressBar bar = ProgressBar.on(io, pack != null ? "tasks" : "instances");
      for (int k = 0; k < todo.size(); k++) {
        int n = todo.get(k);
        String id = pack != null ? ids.get(n) : instances.get(n).id();
        InstanceResult result = pack != null ? tasks.run(pack, id, solver)
            : runner.run(instances.get(n), solver);
        file.append(result);
        String verdict = result.resolved() ? (pack != null ? "passed" : "resolved")
            : result.notApplicable() ? result.reason()
            : (pack != null ? "" : "not resolved: ") + result.reason();
        bar.update(k + 1, todo.size(), "[" + (n + 1) + "/" + total + "] " + id + ": " + verdict);
      }
      bar.finish();
      List<InstanceResult> all = file.read().stream()
          .filter(r -> r instanceof InstanceResult).map(r -> (InstanceResult) r)
          .filter(r -> suites.contains(r.suite()) && r.model().equals(solver.name())).toList();
      if (predictions != null) {
        Predictions.writeJsonl(predictions, all);
      }
      if (report != null) {
        Predictions.writeReport(report, all);
      }
      long resolved = all.stream().filter(InstanceResult::resolved).count();
      long notApplicable = all.stream().filter(InstanceResult::notApplicable).count();
      if (json) {
        var out = Json.mapper().createObjectNode().put("suite", suiteName)
            .put("model", solver.name()).put("resolved", resolved)
            .put("applicable", all.size() - notApplicable).put("notApplicable", notApplicable)
            .put("results", results.toString());
        var rows = out.putArray("instances");
        for (InstanceResult r : all) {
          rows.addObject().put("suite", r.suite()).put("id", r.instance())
              .put("resolved", r.resolved()).put("notApplicable", r.notApplicable())
              .put("reason", r.reason()).put("iterations", r.iterations());
        }
        io.out().println(Json.mapper().writeValueAsString(out));
      } else {
        io.out().printf("%s %s: %d of %d %s (%sresults in %s)%n", suiteName, solver.name(),
            resolved, all.size() - notApplicable, pack != null ? "tasks passed"
                : "instances resolved",
            notApplicable == 0 ? "" : notApplicable + " not applicable to the model; ", results);
      }
      io.out().flush();
      return Exit.OK;
    }
  }

  /** A data file the harness cannot read as the suite's format: the user's input, not a bug. */
  private int badData(IllegalArgumentException e) {
    return io.fail(Exit.ENVIRONMENT, data + " is not a " + suite + " data set: "
        + e.getMessage() + " (check --suite and --data).");
  }

  /** The model spec with the sampling settings given on the command line. */
  private ModelClients.Builder modelBuilder() {
    var builder = ModelClients.fromSpec(model);
    if (temperature != null) {
      builder.temperature(temperature);
    }
    if (seed != null) {
      builder.seed(seed);
    }
    return builder.takesImages(takesImages());
  }

  /** {@code --vision}, else the catalog's word on the served model name, else no. */
  private boolean takesImages() {
    if (vision != null) {
      return vision;
    }
    String served = model.substring(model.lastIndexOf('#') + 1);
    return ModelCatalog.builtIn().findServed(served).map(ModelProfile::takesImages)
        .orElse(false);
  }

  private dev.ratchet.model.ModelClient modelClient() {
    return modelBuilder().build();
  }

  private Completer completer() {
    if (completions != null) {
      Map<String, List<String>> given = CompletionFiles.read(completions);
      return Completer.given("completions:" + completions.getFileName(), given);
    }
    return switch (model) {
      case "gold" -> Completer.gold();
      case "empty" -> Completer.empty();
      default -> {
        yield Completer.model(modelBuilder().channel(dev.ratchet.llm.Channel.TEXT).build());
      }
    };
  }
}
