package dev.ratchet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.eval.completion.CompletionEval;
import dev.ratchet.eval.completion.CompletionProblem;
import dev.ratchet.eval.completion.CompletionSuites;
import dev.ratchet.eval.rank.Ranking;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.TokenUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Example 5 for real (rustc in the sandbox), with a stand-in model that answers the reference
 * solution to the first problem and nonsense to the second.
 */
class EvaluateModelIT {
  private static final Path DATA =
      Path.of("../agent-eval/src/test/resources/completion/humaneval-x-rs.jsonl");

  @TempDir Path tmp;

  @Test
  void measuresTheModel_ranksIt_andWritesTheReport() throws Exception {
    ExampleRepos.requireDocker();
    List<CompletionProblem> problems = CompletionSuites.humanEvalX(DATA);
    Map<String, String> answers = problems.stream().collect(Collectors.toMap(
        CompletionProblem::name, p -> p == problems.get(0) ? p.solution().orElseThrow()
            : "    not rust at all\n}\n"));
    ModelClient model = new ModelClient() {
      @Override
      public ModelReply reply(dev.ratchet.model.ModelRequest request) {
        String problem = request.task().id().substring(0, request.task().id().indexOf('#'));
        return ModelReply.of(answers.get(problem), List.of(), new TokenUsage(200, 50));
      }

      @Override
      public String name() {
        return "openai:my-model";
      }
    };
    Path results = tmp.resolve("results.jsonl");

    CompletionEval.Summary summary = EvaluateModel.evaluate(model, DATA, results);
    Ranking ranking = EvaluateModel.rank(results, tmp.resolve("report.html"));

    assertThat(summary.passAtK().get(1)).isEqualTo(0.5);
    assertThat(summary.statuses()).containsEntry("OK", 1).containsEntry("SyntaxError", 1);
    assertThat(ranking.standing("openai:my-model")).isPresent()
        .get().satisfies(s -> assertThat(s.isMeasured()).isTrue());
    assertThat(Files.readString(tmp.resolve("report.html")))
        .contains("<svg", "openai:my-model", "humaneval-x-rs");
  }
}
