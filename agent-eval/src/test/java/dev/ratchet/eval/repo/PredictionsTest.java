package dev.ratchet.eval.repo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.eval.InstanceResult;
import dev.ratchet.gate.TestOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predictions.jsonl and the Markdown report. */
class PredictionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void jsonl_hasOneSweBenchPredictionPerResult_inOrder() throws Exception {
    List<InstanceResult> results = List.of(
        result("tally-rs__tally-42", "qwen", true, "diff --git a/x b/x\n+\"quoted\"\n"),
        result("tally-rs__tally-57", "qwen", false, ""));

    Path file = tmp.resolve("out/predictions.jsonl");
    Predictions.writeJsonl(file, results);

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    List<String> keys = new ArrayList<>();
    first.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("instance_id", "model_name_or_path", "model_patch");
    assertThat(first.get("instance_id").asText()).isEqualTo("tally-rs__tally-42");
    assertThat(first.get("model_name_or_path").asText()).isEqualTo("qwen");
    assertThat(first.get("model_patch").asText())
        .isEqualTo("diff --git a/x b/x\n+\"quoted\"\n");
    assertThat(JSON.readTree(lines.get(1)).get("model_patch").asText()).isEmpty();
  }

  @Test
  void report_countsResolvedPerSuiteAndModel_andListsThem() {
    InstanceResult solved = new InstanceResult("folder", "word-count", "qwen", true,
        "resolved: the fail-to-pass test passes", List.of(passed("tests::a")),
        List.of(passed("tests::b")), 2, "diff", 61_000, 12_500, 9000, 1500, 4, 1);
    InstanceResult unsolved = new InstanceResult("folder", "line-count", "qwen", false,
        "unresolved: x | y\nsecond line", List.of(failed("tests::c")), List.of(), 3, "", 30_000,
        5_000, 7000, 1000, 6, 0);
    InstanceResult gold = result("line-count", "gold", true, "diff");

    String report = Predictions.report(List.of(solved, unsolved, gold));

    assertThat(report).startsWith("# Repository suite results\n");
    assertThat(report).contains("## folder — qwen\n\nResolved **1 of 2** (50.0%). Tool calls:"
        + " 10, of which 1 invalid (10.0%). Mean iterations to success: 2.0.");
    assertThat(report).contains("| word-count | yes | 1/1 | 1/1 | 2 | 4 (1) | 9000 / 1500 |"
        + " 12.5 | 61.0 | resolved: the fail-to-pass test passes |");
    assertThat(report).contains("| line-count | no | 0/1 | 0/0 | 3 | 6 (0) |")
        .contains("unresolved: x \\| y second line |");
    assertThat(report).contains("Resolved: word-count.\n");
    assertThat(report).contains("## folder — gold\n\nResolved **1 of 1** (100.0%).");
  }

  @Test
  void report_quotesExplanations_andLeavesNotApplicableOutOfTheCount() {
    InstanceResult fast = new InstanceResult("tasks", "04-hot-loop", "qwen", true, "passed",
        List.of(), List.of(), 1, "diff", 1000, 500, 0, 0, 0, 0,
        "One pass over the bytes.\nNo branch per byte.", false);
    InstanceResult blind = InstanceResult.notApplicable("tasks", "10-ci-screenshot", "qwen",
        "not applicable: the task comes with a picture");

    String report = Predictions.report(List.of(fast, blind));

    assertThat(report).contains("Resolved **1 of 1** (100.0%). Not applicable to this model, so"
        + " not counted: 1.");
    assertThat(report).contains("| 10-ci-screenshot | n/a |");
    assertThat(report).contains("**04-hot-loop**, in the model's words:\n\n"
        + "> One pass over the bytes.\n> No branch per byte.\n");
  }

  @Test
  void report_ofNothing_saysSo() {
    assertThat(Predictions.report(List.of())).contains("No instances were run.");
  }

  private static InstanceResult result(String id, String model, boolean resolved, String patch) {
    return new InstanceResult("folder", id, model, resolved, resolved ? "resolved" : "unresolved",
        List.of(resolved ? passed("t") : failed("t")), List.of(), 0, patch, 1000, 500, 0, 0, 0,
        0);
  }

  private static TestOutcome passed(String name) {
    return new TestOutcome(name, TestOutcome.Status.PASSED, "", Duration.ZERO);
  }

  private static TestOutcome failed(String name) {
    return new TestOutcome(name, TestOutcome.Status.FAILED, "boom", Duration.ZERO);
  }
}
