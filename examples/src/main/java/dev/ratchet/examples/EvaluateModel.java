package dev.ratchet.examples;

import dev.ratchet.eval.ResultsFile;
import dev.ratchet.eval.completion.Completer;
import dev.ratchet.eval.completion.CompletionEval;
import dev.ratchet.eval.completion.CompletionProblem;
import dev.ratchet.eval.completion.CompletionSuites;
import dev.ratchet.eval.rank.Ranking;
import dev.ratchet.eval.rank.Report;
import dev.ratchet.llm.ModelClients;
import dev.ratchet.model.ModelClient;
import dev.ratchet.models.ModelCatalog;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustImage;
import dev.ratchet.sandbox.docker.DockerSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Example 5: measure a model on a small completion suite (HumanEval-X Rust, a file you have),
 * then rank it against the catalog's models with the survey's rubric and write the HTML report.
 * The same as {@code ratchet eval --suite humaneval-x-rs ...} then {@code ratchet rank}.
 *
 * <pre>
 * java ... EvaluateModel humaneval-x-rs.jsonl openai:http://127.0.0.1:8000/v1#qwen report.html
 * </pre>
 */
public final class EvaluateModel {
  private EvaluateModel() {}

  /** {@code DATA MODEL_SPEC REPORT.html}; results go to {@code results.jsonl} (resumable). */
  public static void main(String... args) throws InterruptedException {
    CompletionEval.Summary summary = evaluate(ModelClients.parse(args[1]), Path.of(args[0]),
        Path.of("results.jsonl"));
    System.out.println(summary.model() + " pass@1 " + summary.passAtK().get(1));
    rank(Path.of("results.jsonl"), Path.of(args[2]));
  }

  /** Runs every problem of the suite in {@code data} not yet in {@code results}. */
  public static CompletionEval.Summary evaluate(ModelClient model, Path data, Path results)
      throws InterruptedException {
    // snippet:evaluate
    List<CompletionProblem> problems = CompletionSuites.humanEvalX(data);
    CompletionEval.Options options = CompletionEval.Options.defaults();   // 1 sample, 1 GiB
    CargoEnvironment env = CargoEnvironment.builder().build();   // rand, regex, md5 fetched once
    try (DockerSandbox docker = DockerSandbox.builder(RustImage.ensure(System.err::println))
        .build()) {
      return CompletionEval.run(problems, Completer.model(model), options, env,
          mounts -> docker.openSession(mounts, options.limits()), ResultsFile.at(results),
          (done, total) -> System.err.printf("%d/%d problems%n", done, total));
    }
    // end-snippet:evaluate
  }

  /** Ranks every model in {@code results} with the built-in catalog; writes the HTML report. */
  public static Ranking rank(Path results, Path html) {
    // snippet:rank
    Ranking ranking = Ranking.of(ResultsFile.at(results).read(), ModelCatalog.builtIn());
    try {
      Files.writeString(html, Report.html(ranking));   // self-contained: inline CSS and SVG
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + html, e);
    }
    System.out.print(Report.rankingTable(ranking));
    return ranking;
    // end-snippet:rank
  }
}
