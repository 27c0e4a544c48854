package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.models.ModelCatalog;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

class RankCommandTest {
  /** Two HumanEval problems for Qwen3.5-27B (as a client names it) and one for gold. */
  static final String RESULTS = line("openai:qwen3.5-27b", "HumanEval_0", true)
      + line("openai:qwen3.5-27b", "HumanEval_1", false)
      + line("gold", "HumanEval_0", true);

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
        new PrintWriter(err, true), Ansi.OFF);
    CommandLine cli = new CommandLine(new RankCommand(io));
    cli.setOut(io.out());
    cli.setErr(io.err());
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static String line(String model, String problem, boolean passed) {
    return "{\"kind\":\"problem\",\"suite\":\"humaneval-rs\",\"problem\":\"" + problem
        + "\",\"model\":\"" + model + "\",\"temperature\":0.2,\"seed\":1,\"samples\":[{\"index\":0,"
        + "\"completion\":\"\",\"status\":\"" + (passed ? "OK" : "EXCEPTION") + "\",\"exitCode\":"
        + (passed ? 0 : 101) + ",\"stdout\":\"\",\"stderr\":\"\",\"runMillis\":100,"
        + "\"modelMillis\":1000,\"inputTokens\":10,\"outputTokens\":40}]}\n";
  }

  Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void rank_printsTheMarkdownRankingTable_withEveryCatalogModel() throws Exception {
    Run run = run(file("results.jsonl", RESULTS).toString());

    assertThat(run.exit()).isZero();
    String[] lines = run.out().split("\n");
    int models = ModelCatalog.builtIn().all().size();
    assertThat(lines).hasSize(2 + models + 2);
    assertThat(lines[0]).startsWith("| # | model | evidence | programming 35% |")
        .endsWith("| total |");
    assertThat(run.out()).containsPattern(
        "\\| \\d+ \\| Qwen3.5-27B \\(qwen3.5-27b\\) \\| measured \\| 5.0 \\[M\\] \\|");
    assertThat(run.out()).contains("| Kimi-K2.5 (kimi-k2.5) | reported only |")
        .doesNotContain("gold");
    assertThat(lines[lines.length - 1]).startsWith("[M] measured · [R] reported, not measured");
    assertThat(run.err()).isEqualTo("rank: " + models + " models, 1 measured on 1 suite;"
        + " --html FILE writes the report with charts.\n");
  }

  @Test
  void rank_writesTheHtmlAndMarkdownReports() throws Exception {
    Path results = file("results.jsonl", RESULTS);
    Path html = dir.resolve("out/ranking.html");
    Path md = dir.resolve("out/ranking.md");

    Run run = run(results.toString(), "--html", html.toString(), "--markdown", md.toString());

    assertThat(run.exit()).isZero();
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg")
        .contains("Qwen3.5-27B").doesNotContain("https://");
    assertThat(Files.readString(md)).startsWith("# Model ranking\n")
        .contains("## Reference runs (not ranked)", "## Rubric");
    assertThat(run.err()).endsWith("; wrote " + html + " and " + md + ".\n");
  }

  @Test
  void rank_printsJson_withJson() throws Exception {
    Run run = run(file("results.jsonl", RESULTS).toString(), "--json");

    assertThat(run.exit()).isZero();
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertThat(root.path("standings").size()).isEqualTo(ModelCatalog.builtIn().all().size());
    assertThat(root.path("references").get(0).path("run").asText()).isEqualTo("gold");
    assertThat(root.path("suites").get(0).asText()).isEqualTo("humaneval-rs");
  }

  @Test
  void rank_readsSeveralFiles_andUsesACatalogFileAndAliases() throws Exception {
    Path a = file("a.jsonl", RESULTS);
    Path b = file("b.jsonl", line("local:mine", "HumanEval_0", true));
    Path catalog = file("mine.json", ModelsCommandTest.MY_CATALOG);

    Run run = run(a.toString(), b.toString(), "--catalog", catalog.toString(), "--alias",
        "local:mine=my-model", "--multimodal-suite", "humaneval-rs");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("| My model (my-model) | measured | 5.0 [R] |");
    assertThat(run.err()).contains(" models, 2 measured on 1 suite;");
  }

  @Test
  void rank_ranksTheCatalogAlone_whenTheFilesHoldNoResults() throws Exception {
    Run run = run(file("empty.jsonl", "").toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).doesNotContain("| measured |");
    assertThat(run.err()).contains("empty.jsonl holds no results.")
        .contains("no results in the files, so every model is ranked from catalog facts alone");
  }

  @Test
  void rank_exits4_whenAResultsFileIsMissing() {
    Run run = run(dir.resolve("nope.jsonl").toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("ratchet: no results file ");
  }

  @Test
  void rank_exits4_namingTheLine_whenAResultsFileIsMalformed() throws Exception {
    Path bad = file("bad.jsonl", "{\"kind\":\"nonsense\"}\n" + RESULTS);

    Run run = run(bad.toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).startsWith("ratchet: " + bad + " line 1 is not a result: ");
  }

  @Test
  void rank_exits2_whenAnAliasNamesNoCatalogModel() throws Exception {
    Run run = run(file("results.jsonl", RESULTS).toString(), "--alias", "x=no-such-model");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("ratchet: alias x=no-such-model names no catalog entry");
  }

  @Test
  void rank_exits2_withoutResultsFiles() {
    Run run = run();

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'RESULTS'");
  }

  @Test
  void help_listsTheOptions() {
    Run run = run("--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Usage: rank").contains("--html=OUT.html")
        .contains("--markdown=OUT.md").contains("--catalog=FILE").contains("--alias=MODEL=ID")
        .contains("--json");
  }
}
