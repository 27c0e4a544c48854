package dev.ratchet.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class CatalogJsonTest {

  /** Parses the minimal entry with one replacement applied. */
  static AbstractThrowableAssert<?, ? extends Throwable> parsing(String from, String to) {
    String entry = CatalogFiles.entry();
    assertThat(entry).contains(from);
    String broken = entry.replace(from, to);
    return assertThatThrownBy(
            () -> ModelCatalog.parse(CatalogFiles.catalog(broken), "mine.json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_acceptsTheMinimalEntry() {
    assertThat(ModelCatalog.parse(CatalogFiles.catalog(CatalogFiles.entry()), "mine.json").all())
        .hasSize(1);
  }

  @Test
  void parse_namesEntryAndField_forAnUnknownField() {
    parsing("\"context\": \"32K\"", "\"context\": \"32K\", \"contxt\": \"32K\"")
        .hasMessageStartingWith("mine.json: entry 1 ('my-model'): unknown field 'contxt'")
        .hasMessageContaining("did you mean 'context'?");
  }

  @Test
  void parse_namesThePath_forAnUnknownNestedField() {
    parsing("\"tokenizerMode\": \"auto\"", "\"tokenizerMode\": \"auto\", \"toolParser\": \"x\"")
        .hasMessageContaining("entry 1 ('my-model'): unknown field 'serving.toolParser'");
  }

  @Test
  void parse_namesTheField_whenARequiredOneIsMissing() {
    parsing("\"engine\": \"vllm\", ", "")
        .hasMessageContaining("entry 1 ('my-model'): missing required field 'serving.engine'");
  }

  @Test
  void parse_pointsAtTheMisspelling_whenARequiredFieldIsMisspelt() {
    parsing("\"context\": \"32K\"", "\"contxt\": \"32K\"")
        .hasMessageStartingWith("mine.json: entry 1 ('my-model'): missing required field"
            + " 'context' (is 'contxt' a misspelling of it?)");
  }

  @Test
  void parse_refusesAnEntryWithoutSources() {
    parsing("\"sources\": [{\"ref\": \"https://example.org/card\", \"covers\": \"everything\"}]",
        "\"sources\": []")
        .hasMessageContaining("entry 1 ('my-model'): sources is empty");
  }

  @Test
  void parse_refusesAWordOtherThanYesNoUnknown() {
    parsing("\"images\": \"yes\"", "\"images\": \"maybe\"")
        .hasMessageContaining("'modalities.images' is 'maybe': write yes, no or unknown");
  }

  @Test
  void parse_refusesAScoreThatDoesNotNameItsBenchmark() {
    parsing("\"humanEval\": \"HumanEval 50.0\"", "\"humanEval\": \"50.0\"")
        .hasMessageContaining("entry 1 ('my-model'): scores.humanEval '50.0' does not name its"
            + " benchmark");
  }

  @Test
  void parse_refusesACostThatIsNotCountTimesUnitPrice() {
    parsing("\"deployment\": \"unspecified\"", "\"deployment\": {\"gpu\": \"L40S 48GB\","
        + " \"count\": 2, \"unitPriceUsd\": 8750, \"estimatedCostUsd\": 8750}")
        .hasMessageContaining("deployment.estimatedCostUsd 8750 is not 2 × 8750");
  }

  @Test
  void parse_refusesAContextWithoutATokenCount() {
    parsing("\"context\": \"32K\"", "\"context\": \"long\"")
        .hasMessageContaining("context 'long' does not start with a token count");
  }

  @Test
  void parse_refusesAnIdThatIsNotKebabCase() {
    parsing("\"id\": \"my-model\"", "\"id\": \"My Model\"")
        .hasMessageContaining("entry 1 ('My Model'): id 'My Model' is not kebab-case");
  }

  @Test
  void parse_refusesAnUnknownEngine() {
    parsing("\"engine\": \"vllm\"", "\"engine\": \"ollama\"")
        .hasMessageContaining("'serving.engine' is 'ollama': write vllm or sglang");
  }

  @Test
  void parse_refusesAStringWhereANumberBelongs() {
    parsing("\"engine\": \"vllm\"", "\"engine\": \"vllm\", \"tensorParallelSize\": \"2\"")
        .hasMessageContaining("'serving.tensorParallelSize' is not a whole number");
  }

  @Test
  void parse_refusesDuplicateIds() {
    assertThatThrownBy(() -> ModelCatalog.parse(
            CatalogFiles.catalog(CatalogFiles.entry(), CatalogFiles.entry()), "mine.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mine.json: entries 1 and 2 both have id 'my-model': ids must be unique;"
            + " rename one");
  }

  @Test
  void parse_refusesADuplicateKey() {
    parsing("\"context\": \"32K\"", "\"context\": \"32K\", \"context\": \"64K\"")
        .hasMessageContaining("mine.json: not valid JSON at line")
        .hasMessageContaining("Duplicate field 'context'");
  }

  @Test
  void parse_givesTheLine_forBrokenJson() {
    assertThatThrownBy(() -> ModelCatalog.parse("{\"models\": [\n{,}]}", "mine.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("mine.json: not valid JSON at line 2");
  }

  @Test
  void parse_refusesAnUnknownTopLevelField() {
    assertThatThrownBy(() -> ModelCatalog.parse("{\"model\": []}", "mine.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing required field 'models' (is 'model' a misspelling");
    assertThatThrownBy(() -> ModelCatalog.parse("{\"models\": [], \"extra\": 1}", "mine.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown field 'extra'");
  }
}
