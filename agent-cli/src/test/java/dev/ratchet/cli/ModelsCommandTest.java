package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

class ModelsCommandTest {
  static final String MY_CATALOG = """
      {"models": [{
        "id": "my-model",
        "family": "Mine",
        "name": "My model",
        "huggingFaceId": "example/my-model",
        "licence": "Apache-2.0",
        "modalities": {"input": "image+text", "output": "text",
                       "images": "yes", "video": "no", "audio": "no"},
        "parameters": {"total": "7B", "active": "7B", "architecture": "dense"},
        "context": "32K",
        "scores": {"sweBenchVerified": "unspecified", "liveCodeBench": "unspecified",
                   "terminalBench": "unspecified", "humanEval": "HumanEval 50.0",
                   "mbpp": "unspecified", "codeforces": "unspecified"},
        "toolCalling": "yes",
        "serving": {"engine": "vllm", "toolCallParser": "hermes", "reasoningParser": "none",
                    "tokenizerMode": "auto", "trustRemoteCode": "no"},
        "deployment": {"gpu": "L40S 48GB", "count": 1, "unitPriceUsd": 8750,
                       "estimatedCostUsd": 8750},
        "sources": [{"ref": "https://example.org/card", "covers": "everything"}]
      }]}
      """;

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
        new PrintWriter(err, true), Ansi.OFF);
    CommandLine cli = new CommandLine(new ModelsCommand(io));
    cli.setOut(io.out());
    cli.setErr(io.err());
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void models_printsATableOfTheBuiltInCatalog() {
    Run run = run();

    assertThat(run.exit()).isZero();
    String[] lines = run.out().split("\n");
    assertThat(lines).hasSize(16);
    assertThat(lines[0]).startsWith("ID").contains("HUGGING FACE ID", "PARAMS TOTAL / ACTIVE",
        "CONTEXT", "IMAGES", "TOOLS", "GPUS", "EST. COST");
    assertThat(lines[1]).startsWith("kimi-k2.5 ").contains("moonshotai/Kimi-K2.5", "1T / 32B",
        "256K", "yes", "8×H100 80GB").endsWith("$240,000");
    assertThat(run.out()).contains("deepseek-vl2-tiny").contains("glm-4.6v-flash");
    assertThat(lines[9]).startsWith("qwen2.5-vl-72b ").contains("unspecified", "unknown");
    assertThat(run.err()).contains("15 entries");
  }

  @Test
  void models_printsTheCatalogFormat_withJson() throws Exception {
    Run run = run("--json");

    assertThat(run.exit()).isZero();
    assertThat(ModelCatalog.load(file("dump.json", run.out())).all())
        .isEqualTo(ModelCatalog.builtIn().all());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void show_printsServingCommandScoresAndSources() {
    Run run = run("show", "qwen3.5-27b");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("Hugging Face  Qwen/Qwen3.5-27B\n")
        .contains("Serve with    vllm serve Qwen/Qwen3.5-27B-FP8 --trust-remote-code"
            + " --enable-auto-tool-choice --tool-call-parser qwen3_coder"
            + " --reasoning-parser qwen3\n")
        .contains("(serves Qwen/Qwen3.5-27B-FP8; see the notes)")
        .contains("GPUs          1×L40S 48GB, estimated $8,750 (GPU-only purchase)\n")
        .contains("  SWE-bench Verified 72.4\n")
        .contains("  HumanEval: unspecified\n")
        .contains("  Codeforces 1899\n")
        .contains("Context       262,144 (extensible to ~1,010,000) (262,144 tokens)\n")
        .contains("  - model-survey.md § The ten, in the survey's order: row 2\n");
  }

  @Test
  void show_findsAModelByItsHuggingFaceId_ignoringCase() {
    Run run = run("show", "META-LLAMA/Llama-4-Maverick-17B-128E-Instruct");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("llama-4-maverick  Llama 4 Maverick");
  }

  @Test
  void show_exits2_whenNoModelHasTheId() {
    Run run = run("show", "gpt-4o");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("ratchet: no model 'gpt-4o' in the catalog");
  }

  @Test
  void show_printsAOneEntryCatalog_withJson() throws Exception {
    Run run = run("show", "pixtral-12b-2409", "--json");

    assertThat(run.exit()).isZero();
    assertThat(ModelCatalog.load(file("one.json", run.out())).all())
        .containsExactly(ModelCatalog.builtIn().find("pixtral-12b-2409").orElseThrow());
  }

  @Test
  void catalog_mergesAUserFileOverTheBuiltInOne() throws Exception {
    Path mine = file("mine.json", MY_CATALOG);

    Run list = run("--catalog", mine.toString());
    Run before = run("--catalog", mine.toString(), "show", "my-model");
    Run after = run("show", "my-model", "--catalog", mine.toString());

    assertThat(list.exit()).isZero();
    assertThat(list.out().split("\n")).hasSize(17);
    assertThat(list.out()).contains("my-model").contains("kimi-k2.5");
    assertThat(before.exit()).isZero();
    assertThat(before.out()).contains("Serve with    vllm serve example/my-model"
        + " --enable-auto-tool-choice --tool-call-parser hermes\n");
    assertThat(after.out()).isEqualTo(before.out());
  }

  @Test
  void catalog_exits4_namingEntryAndField_whenTheFileIsInvalid() throws Exception {
    Path mine = file("mine.json", MY_CATALOG.replace("\"context\"", "\"contxt\""));

    Run run = run("--catalog", mine.toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("ratchet: invalid model catalog " + mine
        + ": entry 1 ('my-model'): missing required field 'context' (is 'contxt' a"
        + " misspelling of it?)");
  }

  @Test
  void catalog_exits4_whenTheFileIsMissing() {
    Run run = run("show", "kimi-k2.5", "--catalog", dir.resolve("nope.json").toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).startsWith("ratchet: no catalog file ");
  }

  @Test
  void help_listsTheShowSubcommand() {
    Run run = run("--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Usage: models").contains("show").contains("--catalog=FILE");
  }

  @Test
  void tokens_writesCountsTheWayModelCardsDo() {
    assertThat(ModelsCommand.tokens(java.util.OptionalInt.of(131_072))).isEqualTo("128K");
    assertThat(ModelsCommand.tokens(java.util.OptionalInt.of(1_048_576))).isEqualTo("1M");
    assertThat(ModelsCommand.tokens(java.util.OptionalInt.of(4_000))).isEqualTo("4,000");
    assertThat(ModelsCommand.tokens(java.util.OptionalInt.empty())).isEqualTo("unspecified");
  }
}
