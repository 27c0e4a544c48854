package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ratchet eval} and {@code ratchet rank} for real: the reference runs that validate the
 * harness (gold passes, empty does not) on a completion suite and a repository suite, with real
 * rustc and cargo in the sandbox, then the ranking over the results.
 */
class EvalCommandIT {

  private static final Path DATA = Path.of("../agent-eval/src/test/resources");

  @TempDir Path tmp;

  @Test
  void goldPasses_emptyDoesNot_andRankReadsTheResults() throws Exception {
    RunCommandIT.requireDocker();
    String results = tmp.resolve("results.jsonl").toString();

    CliRun gold = CliRun.of("eval", "--suite", "humaneval-x-rs", "--data",
        DATA.resolve("completion/humaneval-x-rs.jsonl").toString(), "--model", "gold",
        "--results", results);
    CliRun given = CliRun.of("eval", "--suite", "humaneval-rs", "--data",
        DATA.resolve("completion/humaneval-rs.jsonl").toString(), "--completions",
        DATA.resolve("completion/completions.jsonl").toString(), "--results", results, "--json");
    CliRun repoGold = CliRun.of("eval", "--suite", "folder", "--data",
        DATA.resolve("repo/folder").toString(), "--model", "gold", "--results", results,
        "--predictions", tmp.resolve("predictions.jsonl").toString());
    CliRun repoEmpty = CliRun.of("eval", "--suite", "folder", "--data",
        DATA.resolve("repo/folder").toString(), "--model", "empty", "--results", results);
    CliRun rank = CliRun.of("rank", results, "--html", tmp.resolve("report.html").toString());

    assertThat(gold.exit()).as(gold.err()).isZero();
    assertThat(gold.out()).contains("pass@1 1.000");
    com.fasterxml.jackson.databind.JsonNode summary =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(given.out());
    assertThat(summary.path("passAtK").path("1").asDouble()).isEqualTo(0.25);
    assertThat(summary.path("statuses").path("SyntaxError").asInt()).isEqualTo(1);
    assertThat(summary.path("statuses").path("Timeout").asInt()).isEqualTo(1);
    assertThat(summary.path("problems").asInt()).isEqualTo(4);
    assertThat(repoGold.out()).as(repoGold.err()).contains("2 of 2 instances resolved");
    assertThat(repoEmpty.out()).contains("0 of 2 instances resolved");
    assertThat(Files.readString(tmp.resolve("predictions.jsonl"))).contains("\"instance_id\"",
        "\"model_patch\"");
    assertThat(rank.exit()).as(rank.err()).isZero();
    assertThat(Files.readString(tmp.resolve("report.html"))).contains("<svg", "humaneval-rs");
  }

  @Test
  void taskPack_goldPassesAllTen_emptyPassesNone_andTheReportHasARowPerTask() throws Exception {
    RunCommandIT.requireDocker();
    String results = tmp.resolve("tasks.jsonl").toString();

    CliRun gold = CliRun.of("eval", "--suite", "tasks", "--model", "gold", "--results", results,
        "--report", tmp.resolve("gold.md").toString());
    CliRun empty = CliRun.of("eval", "--suite", "tasks", "--model", "empty", "--results",
        results, "--json");

    assertThat(gold.exit()).as(gold.err()).isZero();
    assertThat(gold.out()).as(gold.err()).contains("tasks gold: 10 of 10 tasks passed");
    assertThat(gold.err()).contains("[10/10] 10-ci-screenshot: passed");
    com.fasterxml.jackson.databind.JsonNode none =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(empty.out());
    assertThat(none.path("resolved").asInt()).as(empty.err()).isZero();
    assertThat(none.path("applicable").asInt()).isEqualTo(10);
    assertThat(none.path("instances")).hasSize(10);
    assertThat(empty.err()).contains("[1/10] 01-zero-copy-parser: not passed: ");
    String report = Files.readString(tmp.resolve("gold.md"));
    assertThat(report).contains("## tasks — gold\n\nResolved **9 of 9**",
        "## tasks-multimodal — gold\n\nResolved **1 of 1**", "| 02-spsc-ring-buffer | yes |",
        "| 10-ci-screenshot | yes |");
    if (gold.err().contains("miri unavailable")) {
      assertThat(report).contains("miri unavailable");
    }
  }

  @Test
  void workersSpreadOverTwoDockerHosts() throws Exception {
    RunCommandIT.requireDocker();
    String daemon = "unix:///var/run/docker.sock";

    CliRun gold = CliRun.of("eval", "--suite", "humaneval-x-rs", "--data",
        DATA.resolve("completion/humaneval-x-rs.jsonl").toString(), "--model", "gold",
        "--workers", "2", "--docker-host", daemon + "," + daemon, "--results",
        tmp.resolve("r.jsonl").toString());

    assertThat(gold.exit()).as(gold.err()).isZero();
    assertThat(gold.out()).contains("pass@1 1.000");
  }

  @Test
  void goldOnMultiplE_isAUsageError_thatSaysWhy() {
    CliRun run = CliRun.of("eval", "--suite", "humaneval-rs", "--data",
        DATA.resolve("completion/humaneval-rs.jsonl").toString(), "--model", "gold",
        "--results", tmp.resolve("r.jsonl").toString());

    assertThat(run.exit()).isEqualTo(Exit.USAGE);
    assertThat(run.err()).contains("no reference solutions");
  }
}
