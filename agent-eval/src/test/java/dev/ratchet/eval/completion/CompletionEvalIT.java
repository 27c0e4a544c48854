package dev.ratchet.eval.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.eval.EvalDocker;
import dev.ratchet.eval.ProblemResult;
import dev.ratchet.eval.ResultsFile;
import dev.ratchet.eval.Status;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.docker.DockerSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion suites run for real: rustc and cargo in the sandbox, statuses as the reference's. */
class CompletionEvalIT {

  private static final Path DATA = Path.of("src/test/resources/completion");
  private static DockerSandbox docker;
  private static CargoEnvironment environment;

  @TempDir Path tmp;

  @BeforeAll
  static void sandbox() {
    docker = EvalDocker.sandbox();
    environment = EvalDocker.environment("ratchet-eval-it-cache");
  }

  @AfterAll
  static void close() {
    if (docker != null) {
      docker.close();
    }
  }

  private CompletionEval.Summary run(List<CompletionProblem> problems, Completer completer,
      ResultsFile results) throws InterruptedException {
    CompletionEval.Options options = new CompletionEval.Options(1, 0.0, 7, 2,
        new Limits(Duration.ofSeconds(30), 512L << 20, 256, 1.0, 64 * 1024),
        Optional.of(tmp.resolve("multipl-e")));
    return CompletionEval.run(problems, completer, options, environment,
        mounts -> docker.openSession(mounts, options.limits()), results,
        CompletionEval.Progress.none());
  }

  @Test
  void givenCompletions_getTheReferenceStatuses_andARerunSkipsThem() throws Exception {
    List<CompletionProblem> problems = CompletionSuites.multiplE("humaneval-rs",
        DATA.resolve("humaneval-rs.jsonl"));
    Completer given = Completer.given("completions:test",
        CompletionFiles.read(DATA.resolve("completions.jsonl")));
    ResultsFile results = ResultsFile.at(tmp.resolve("results.jsonl"));

    CompletionEval.Summary summary = run(problems, given, results);

    Map<String, Status> statuses = results.read().stream().map(r -> (ProblemResult) r)
        .collect(Collectors.toMap(ProblemResult::problem, r -> r.samples().get(0).status()));
    assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(
        "HumanEval_1_add", Status.OK,
        "HumanEval_2_is_even", Status.SYNTAX_ERROR,
        "HumanEval_3_largest", Status.EXCEPTION,
        "HumanEval_4_spin", Status.TIMEOUT));
    assertThat(summary.passAtK()).containsEntry(1, 0.25);
    assertThat(Files.readString(tmp.resolve("multipl-e/HumanEval_3_largest.results.json")))
        .contains("\"status\" : \"Exception\"", "panicked");

    long lines = Files.readAllLines(results.path()).size();
    run(problems, given, results);
    assertThat(Files.readAllLines(results.path())).as("a rerun does nothing twice")
        .hasSize((int) lines);
  }

  @Test
  void programsThatEndOddly_getTheReferenceStatus_notATimeout() throws Exception {
    // The reference evaluator's rule: any non-zero exit or death by a signal is an Exception; only
    // the deadline is a Timeout, whatever exit code a program picks or whichever signal kills it.
    Map<String, String> bodies = Map.of(
        "Exits_124", "std::process::exit(124);",
        "Killed_by_sigkill", "let _ = std::process::Command::new(\"/bin/sh\")"
            + ".args([\"-c\", \"kill -9 $PPID\"]).status(); loop {}",
        "Aborts", "std::process::abort();");
    List<CompletionProblem> problems = new java.util.ArrayList<>();
    Map<String, List<String>> completions = new java.util.HashMap<>();
    for (Map.Entry<String, String> e : bodies.entrySet()) {
      problems.add(new CompletionProblem("odd-rs", e.getKey(), CompletionProblem.Format.MULTIPL_E,
          "fn run() {\n", "", "}\n\nfn main() {\n    run();\n}\n", List.of("\n}"),
          Optional.empty()));
      completions.put(e.getKey(), List.of("    " + e.getValue() + "\n}\n"));
    }
    ResultsFile results = ResultsFile.at(tmp.resolve("odd.jsonl"));

    run(problems, Completer.given("odd", completions), results);

    Map<String, ProblemResult> byName = results.read().stream().map(r -> (ProblemResult) r)
        .collect(Collectors.toMap(ProblemResult::problem, r -> r));
    assertThat(byName).hasSize(3);
    byName.forEach((name, r) -> assertThat(r.samples().get(0).status())
        .as(name + ": " + r.samples().get(0).stderr()).isEqualTo(Status.EXCEPTION));
    assertThat(byName.get("Exits_124").samples().get(0).exitCode()).isEqualTo(124);
    assertThat(byName.get("Killed_by_sigkill").samples().get(0).exitCode()).isEqualTo(137);
  }

  @Test
  void empty_passesNothing_andGold_passesHumanEvalX_withItsDependencies() throws Exception {
    List<CompletionProblem> hx = CompletionSuites.humanEvalX(DATA.resolve("humaneval-x-rs.jsonl"));
    ResultsFile results = ResultsFile.at(tmp.resolve("hx.jsonl"));

    CompletionEval.Summary gold = run(hx, Completer.gold(), results);
    CompletionEval.Summary empty = run(hx, Completer.empty(), results);

    assertThat(gold.passAtK()).as(results.read().toString()).containsEntry(1, 1.0);
    assertThat(empty.passAtK()).containsEntry(1, 0.0);
    assertThat(empty.statuses()).containsOnlyKeys("SyntaxError");
  }
}
