package dev.ratchet.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.models.ModelProfile.Engine;
import dev.ratchet.models.ModelProfile.Serving;
import dev.ratchet.models.ModelProfile.Support;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelProfileTest {

  @Test
  void contextLength_readsTheLeadingCount() {
    assertThat(ContextLength.parse("128K")).hasValue(131_072);
    assertThat(ContextLength.parse("256K native, expandable to 1M")).hasValue(262_144);
    assertThat(ContextLength.parse("1M")).hasValue(1_048_576);
    assertThat(ContextLength.parse("4,096")).hasValue(4_096);
    assertThat(ContextLength.parse("262,144 (extensible to ~1,010,000)")).hasValue(262_144);
    assertThat(ContextLength.parse("32768")).hasValue(32_768);
    assertThat(ContextLength.parse("unspecified")).isEmpty();
    assertThat(ContextLength.parse("unknown")).isEmpty();
  }

  @Test
  void contextLength_refusesTextWithoutACount() {
    assertThatThrownBy(() -> ContextLength.parse("Kilo"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContextLength.parse("128Kb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContextLength.parse("0")).isInstanceOf(IllegalArgumentException.class);
  }

  static Serving serving(Engine engine, String tool, String reasoning, List<String> extra) {
    return new Serving(engine, "org/model", 4, tool, reasoning, "mistral", Support.YES, extra);
  }

  @Test
  void command_writesAVllmLine() {
    assertThat(serving(Engine.VLLM, "hermes", "qwen3", List.of()).command())
        .isEqualTo("vllm serve org/model --tensor-parallel-size 4 --trust-remote-code"
            + " --tokenizer-mode mistral --enable-auto-tool-choice --tool-call-parser hermes"
            + " --reasoning-parser qwen3");
  }

  @Test
  void command_writesAnSglangLine() {
    assertThat(serving(Engine.SGLANG, "kimi_k2", "none", List.of()).command())
        .isEqualTo("python3 -m sglang.launch_server --model-path org/model --tp 4"
            + " --trust-remote-code --tokenizer-mode mistral --tool-call-parser kimi_k2");
  }

  @Test
  void command_leavesOutUnknownParsers_andQuotesArguments() {
    assertThat(serving(Engine.VLLM, "unknown", "unknown", List.of("--x", "{\"a\": 'b'}"))
            .command())
        .isEqualTo("vllm serve org/model --tensor-parallel-size 4 --trust-remote-code"
            + " --tokenizer-mode mistral --x '{\"a\": '\\''b'\\''}'");
  }

  @Test
  void nativeToolCalling_isFalse_whenUnknown() {
    ModelProfile p = ModelCatalog.parse(CatalogFiles.catalog(CatalogFiles.entry()), "t").all()
        .get(0);

    assertThat(p.toolCalling()).isEqualTo(Support.UNKNOWN);
    assertThat(p.nativeToolCalling()).isFalse();
    assertThat(p.takesImages()).isTrue();
    assertThat(p.takesAudio()).isFalse();
    assertThat(p.contextLength()).hasValue(32_768);
    assertThat(p.estimatedCostUsd()).isEmpty();
  }

  @Test
  void serving_refusesZeroGpus() {
    assertThatThrownBy(() -> new Serving(Engine.VLLM, "org/model", 0, "none", "none", "auto",
            Support.NO, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tensorParallelSize is 0");
  }

  @Test
  void scores_reportedLeavesOutUnspecified() {
    ModelProfile.CodingScores s = new ModelProfile.CodingScores("unspecified",
        "LiveCodeBench v6 80.0", "unspecified", "unspecified", "MBPP 1", "unspecified", "");

    assertThat(s.reported()).containsExactly("LiveCodeBench v6 80.0", "MBPP 1");
  }
}
