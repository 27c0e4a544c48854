package dev.ratchet.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.models.ModelProfile.Deployment;
import dev.ratchet.models.ModelProfile.Support;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {
  static final ModelCatalog BUILT_IN = ModelCatalog.builtIn();

  @TempDir Path dir;

  ModelProfile model(String id) {
    return BUILT_IN.find(id).orElseThrow();
  }

  @Test
  void builtIn_hasTheTenSurveyedFamiliesInSurveyOrder() {
    List<String> families = BUILT_IN.all().stream().map(ModelProfile::family).distinct()
        .collect(Collectors.toList());

    assertThat(families).containsExactly("Kimi-K2.5", "Qwen3.5-27B", "Gemma 4",
        "Llama 4 Maverick", "Qwen3-VL-235B-A22B", "Qwen2.5-VL-72B", "InternVL3.5-30B-A3B",
        "Pixtral-12B-2409", "DeepSeek-VL2", "GLM-4.6V-Flash");
  }

  @Test
  void builtIn_hasEachVariantAsItsOwnEntry() {
    assertThat(BUILT_IN.all()).hasSize(15);
    assertThat(ids("Gemma 4"))
        .containsExactly("gemma-4-31b", "gemma-4-26b-a4b", "gemma-4-e4b", "gemma-4-e2b");
    assertThat(ids("DeepSeek-VL2"))
        .containsExactly("deepseek-vl2-tiny", "deepseek-vl2-small", "deepseek-vl2-base");
  }

  @Test
  void findServed_knowsTheCheckpointsTheLaunchLinesServe() {
    assertThat(BUILT_IN.findServed("Qwen/Qwen3.5-27B-FP8")).get()
        .extracting(ModelProfile::id).isEqualTo("qwen3.5-27b");
    assertThat(BUILT_IN.findServed("qwen3.5-27b")).get()
        .extracting(ModelProfile::id).isEqualTo("qwen3.5-27b");
    assertThat(BUILT_IN.find("Qwen/Qwen3.5-27B-FP8")).isEmpty();
    assertThat(BUILT_IN.findServed("my-finetune")).isEmpty();
  }

  List<String> ids(String family) {
    return BUILT_IN.all().stream().filter(p -> p.family().equals(family))
        .map(ModelProfile::id).collect(Collectors.toList());
  }

  @Test
  void builtIn_citesTheSurveyForEveryEntry() {
    for (ModelProfile p : BUILT_IN.all()) {
      assertThat(p.sources()).as(p.id())
          .anySatisfy(s -> assertThat(s.ref()).startsWith("model-survey.md § The ten"));
    }
  }

  @Test
  void builtIn_citesADocumentForEverySetParser() {
    for (ModelProfile p : BUILT_IN.all()) {
      String parser = p.serving().toolCallParser();
      if (!List.of("none", "unknown").contains(parser)) {
        assertThat(p.sources()).as(p.id())
            .anySatisfy(s -> assertThat(s.ref()).startsWith("https://"));
      }
    }
  }

  /** Every score the survey reports, verified against model-survey.md by hand; nothing else. */
  @Test
  void builtIn_reportsExactlyTheSurveysScores() {
    Map<String, List<String>> reported = new TreeMap<>();
    BUILT_IN.all().forEach(p -> reported.put(p.id(), p.scores().reported()));

    assertThat(reported).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("kimi-k2.5", List.of("SWE-bench Verified 76.8", "LiveCodeBench v6 85.0",
            "TerminalBench 2.0 50.8")),
        Map.entry("qwen3.5-27b", List.of("SWE-bench Verified 72.4", "LiveCodeBench v6 80.7",
            "TerminalBench 2 41.6", "Codeforces 1899")),
        Map.entry("gemma-4-31b", List.of("LiveCodeBench v6 80.0", "Codeforces ELO 2150")),
        Map.entry("gemma-4-26b-a4b", List.of("LiveCodeBench v6 77.1", "Codeforces ELO 1718")),
        Map.entry("gemma-4-e4b", List.of("LiveCodeBench v6 52.0")),
        Map.entry("gemma-4-e2b", List.of("LiveCodeBench v6 44.0")),
        Map.entry("llama-4-maverick", List.of(
            "LiveCodeBench (10/2024–02/2025) pass@1 43.4 (instruct)", "MBPP 77.6 (pretrained)")),
        Map.entry("qwen3-vl-235b-a22b", List.of()),
        Map.entry("qwen2.5-vl-72b", List.of()),
        Map.entry("internvl3.5-30b-a3b", List.of()),
        Map.entry("pixtral-12b-2409", List.of("HumanEval pass@1 72.0")),
        Map.entry("deepseek-vl2-tiny", List.of()),
        Map.entry("deepseek-vl2-small", List.of()),
        Map.entry("deepseek-vl2-base", List.of()),
        Map.entry("glm-4.6v-flash", List.of())));
  }

  @Test
  void builtIn_keepsScoresInTheirFields() {
    ModelProfile llama = model("llama-4-maverick");

    assertThat(llama.scores().mbpp()).isEqualTo("MBPP 77.6 (pretrained)");
    assertThat(llama.scores().humanEval()).isEqualTo("unspecified");
    assertThat(model("pixtral-12b-2409").scores().humanEval()).isEqualTo("HumanEval pass@1 72.0");
    assertThat(model("qwen3-vl-235b-a22b").scores().evidence())
        .isEqualTo("numbers mostly in images: treat as —");
  }

  @Test
  void builtIn_costsAreTheSurveysTable() {
    Map<String, String> costs = new TreeMap<>();
    BUILT_IN.all().forEach(p -> costs.put(p.id(), p.deployment().configuration()
        + (p.estimatedCostUsd().isPresent() ? " $" + p.estimatedCostUsd().getAsLong() : "")));

    assertThat(costs).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("kimi-k2.5", "8×H100 80GB $240000"),
        Map.entry("qwen3.5-27b", "1×L40S 48GB $8750"),
        Map.entry("gemma-4-31b", "1×A100 80GB $11000"),
        Map.entry("gemma-4-26b-a4b", "unspecified"),
        Map.entry("gemma-4-e4b", "unspecified"),
        Map.entry("gemma-4-e2b", "unspecified"),
        Map.entry("llama-4-maverick", "8×H100 80GB $240000"),
        Map.entry("qwen3-vl-235b-a22b", "8×H100 80GB $240000"),
        Map.entry("qwen2.5-vl-72b", "2×A100 80GB $22000"),
        Map.entry("internvl3.5-30b-a3b", "1×A100 80GB $11000"),
        Map.entry("pixtral-12b-2409", "1×RTX 4090 24GB $2755"),
        Map.entry("deepseek-vl2-tiny", "unspecified"),
        Map.entry("deepseek-vl2-small", "1×A100 80GB $11000"),
        Map.entry("deepseek-vl2-base", "unspecified"),
        Map.entry("glm-4.6v-flash", "1×L20 48GB $4050")));
  }

  @Test
  void builtIn_factsMatchTheSurvey() {
    ModelProfile kimi = model("kimi-k2.5");
    assertThat(kimi.huggingFaceId()).isEqualTo("moonshotai/Kimi-K2.5");
    assertThat(kimi.licence()).isEqualTo("Modified MIT");
    assertThat(kimi.parameters().total()).isEqualTo("1T");
    assertThat(kimi.parameters().active()).isEqualTo("32B");
    assertThat(kimi.contextLength()).hasValue(262_144);

    ModelProfile qwen = model("qwen3.5-27b");
    assertThat(qwen.context()).isEqualTo("262,144 (extensible to ~1,010,000)");
    assertThat(qwen.contextLength()).hasValue(262_144);

    ModelProfile vl2 = model("deepseek-vl2-small");
    assertThat(vl2.parameters().total()).isEqualTo("16.1B");
    assertThat(vl2.parameters().active()).isEqualTo("2.8B");
    assertThat(vl2.contextLength()).hasValue(4_096);

    assertThat(model("llama-4-maverick").contextLength()).hasValue(1_048_576);
    assertThat(model("qwen2.5-vl-72b").contextLength()).isEmpty();
    assertThat(model("gemma-4-31b").licence()).startsWith("unspecified");
  }

  @Test
  void builtIn_everyModelTakesImages_andOnlyTheSmallGemmasTakeAudio() {
    assertThat(BUILT_IN.all()).allMatch(ModelProfile::takesImages);
    assertThat(BUILT_IN.all().stream().filter(ModelProfile::takesAudio).map(ModelProfile::id))
        .containsExactly("gemma-4-e4b", "gemma-4-e2b");
    assertThat(model("kimi-k2.5").takesVideo()).isFalse();
    assertThat(model("qwen2.5-vl-72b").takesVideo()).isTrue();
  }

  @Test
  void builtIn_toolCallingIsYesOnlyWhereASourceSaysSo() {
    Set<String> yes = BUILT_IN.all().stream().filter(ModelProfile::nativeToolCalling)
        .map(ModelProfile::id).collect(Collectors.toSet());

    assertThat(yes).containsExactlyInAnyOrder("kimi-k2.5", "qwen3.5-27b", "gemma-4-31b",
        "gemma-4-26b-a4b", "gemma-4-e4b", "gemma-4-e2b", "llama-4-maverick", "glm-4.6v-flash");
    assertThat(model("pixtral-12b-2409").toolCalling()).isEqualTo(Support.UNKNOWN);
  }

  @Test
  void builtIn_servingCommandsCarryTheDocumentedFlags() {
    assertThat(model("kimi-k2.5").servingCommand()).isEqualTo("vllm serve moonshotai/Kimi-K2.5"
        + " --tensor-parallel-size 8 --trust-remote-code --enable-auto-tool-choice"
        + " --tool-call-parser kimi_k2 --reasoning-parser kimi_k2 --mm-encoder-tp-mode data");
    assertThat(model("pixtral-12b-2409").servingCommand())
        .startsWith("vllm serve mistralai/Pixtral-12B-2409 --tokenizer-mode mistral ");
    assertThat(model("llama-4-maverick").servingCommand())
        .contains(" --tool-call-parser llama4_pythonic ")
        .doesNotContain("--reasoning-parser");
    assertThat(model("deepseek-vl2-base").servingCommand()).isEqualTo("vllm serve"
        + " deepseek-ai/deepseek-vl2 --hf-overrides"
        + " '{\"architectures\": [\"DeepseekVLV2ForCausalLM\"]}'");
    assertThat(model("qwen3-vl-235b-a22b").servingCommand()).doesNotContain("tool");
  }

  @Test
  void toJson_roundTrips() {
    ModelCatalog again = ModelCatalog.parse(BUILT_IN.toJson(), "round trip");

    assertThat(again.all()).isEqualTo(BUILT_IN.all());
  }

  @Test
  void find_matchesIdOrHuggingFaceId_ignoringCase() {
    assertThat(BUILT_IN.find("QWEN3.5-27B")).map(ModelProfile::id).hasValue("qwen3.5-27b");
    assertThat(BUILT_IN.find("qwen/qwen3.5-27b")).map(ModelProfile::id).hasValue("qwen3.5-27b");
    assertThat(BUILT_IN.find("deepseek-ai/deepseek-vl2")).map(ModelProfile::id)
        .hasValue("deepseek-vl2-base");
    assertThat(BUILT_IN.find(" glm-4.6v-flash ")).isPresent();
  }

  @Test
  void find_isEmpty_whenNoEntryMatches() {
    assertThat(BUILT_IN.find("gpt-4o")).isEmpty();
  }

  @Test
  void merge_replacesSameIdInPlace_andAppendsNewEntries() throws Exception {
    Path file = Files.writeString(dir.resolve("mine.json"), CatalogFiles.catalog(
        CatalogFiles.entry().replace("\"id\": \"my-model\"", "\"id\": \"pixtral-12b-2409\""),
        CatalogFiles.entry()));

    ModelCatalog merged = BUILT_IN.merge(ModelCatalog.load(file));

    assertThat(merged.all()).hasSize(16);
    assertThat(merged.all().get(10).huggingFaceId()).isEqualTo("example/my-model");
    assertThat(merged.find("pixtral-12b-2409").orElseThrow().huggingFaceId())
        .isEqualTo("example/my-model");
    assertThat(merged.all().get(15).id()).isEqualTo("my-model");
    assertThat(BUILT_IN.all()).hasSize(15);
  }

  @Test
  void load_readsAUserFile() throws Exception {
    Path file = Files.writeString(dir.resolve("mine.json"),
        CatalogFiles.catalog(CatalogFiles.entry()));

    ModelProfile p = ModelCatalog.load(file).all().get(0);

    assertThat(p.id()).isEqualTo("my-model");
    assertThat(p.serving().checkpoint()).isEqualTo("example/my-model");
    assertThat(p.serving().tensorParallelSize()).isEqualTo(1);
    assertThat(p.serving().extraArgs()).isEmpty();
    assertThat(p.notes()).isEmpty();
    assertThat(p.deployment()).isEqualTo(new Deployment.Unspecified());
    assertThat(p.servingCommand()).isEqualTo("vllm serve example/my-model");
  }

  @Test
  void load_throwsUncheckedIo_whenTheFileIsMissing() {
    assertThatThrownBy(() -> ModelCatalog.load(dir.resolve("nope.json")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nope.json");
  }
}
