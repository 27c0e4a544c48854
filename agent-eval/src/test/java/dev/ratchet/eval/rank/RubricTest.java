package dev.ratchet.eval.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ratchet.models.ModelCatalog;
import dev.ratchet.models.ModelProfile;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RubricTest {
  static final Offset<Double> CLOSE = within(1e-9);

  static SuiteResult completion(String suite, double passAt1) {
    return new SuiteResult(suite, SuiteResult.Kind.COMPLETION, false, 10, passAt1,
        new TreeMap<>(), (int) Math.round(passAt1 * 10));
  }

  static SuiteResult repository(String suite, double resolved) {
    return new SuiteResult(suite, SuiteResult.Kind.REPOSITORY, false, 10, resolved,
        new TreeMap<>(), (int) Math.round(resolved * 10));
  }

  static SuiteResult multimodal(String suite, double passAt1) {
    return new SuiteResult(suite, SuiteResult.Kind.COMPLETION, true, 4, passAt1,
        new TreeMap<>(), 0);
  }

  static Measurements measured(List<SuiteResult> suites, OptionalDouble tokensPerSecond,
      int toolCalls, int invalidToolCalls) {
    return new Measurements(suites, 10, 0, OptionalDouble.empty(), OptionalDouble.empty(),
        tokensPerSecond, toolCalls, invalidToolCalls, OptionalDouble.empty(),
        OptionalDouble.empty(), OptionalDouble.empty(), 0, 0, 0);
  }

  static Measurements suites(SuiteResult... suites) {
    return measured(List.of(suites), OptionalDouble.empty(), 0, 0);
  }

  static Optional<ModelProfile> entry(String id) {
    return Optional.of(Fixtures.profile(id));
  }

  // ---- programming

  @Test
  void programming_isTenTimesTheMeanRate_overCompletionAndRepositorySuites() {
    Score s = Rubric.programming(entry("alpha-27b"),
        suites(completion("humaneval-rs", 0.6), repository("swe-rs", 0.3)));

    assertThat(s.value()).isCloseTo(4.5, CLOSE);
    assertThat(s.provenance()).isEqualTo(Provenance.MEASURED);
    assertThat(s.why()).isEqualTo("10 × mean of 2 suites: humaneval-rs pass@1 60.0%, swe-rs"
        + " resolved 30.0%");
  }

  @Test
  void programming_ignoresMultimodalSuites() {
    Score s = Rubric.programming(entry("alpha-27b"),
        suites(completion("humaneval-rs", 0.4), multimodal("image-tasks", 1.0)));

    assertThat(s.value()).isCloseTo(4.0, CLOSE);
  }

  @Test
  void programming_fallsBackToReportedScores_markedReportedNotMeasured() {
    Score s = Rubric.programming(entry("beta-vl"), Measurements.none());

    // HumanEval 72.0 → 7.2; Codeforces 1500 → 1500/300 = 5.0; mean 6.1
    assertThat(s.value()).isCloseTo(6.1, CLOSE);
    assertThat(s.provenance()).isEqualTo(Provenance.REPORTED);
    assertThat(s.why()).startsWith("reported, not measured: mean of HumanEval pass@1 72.0"
        + " (instruct) → 7.2, Codeforces ELO 1500 → 5.0");
  }

  @Test
  void programming_fallsBackToReportedScores_whenOnlyMultimodalSuitesRan() {
    Score s = Rubric.programming(entry("alpha-27b"), suites(multimodal("image-tasks", 1.0)));

    assertThat(s.provenance()).isEqualTo(Provenance.REPORTED);
    assertThat(s.value()).isCloseTo(7.0, CLOSE);
  }

  @Test
  void programming_isUnknownZero_withoutResultsOrReportedScores() {
    assertThat(Rubric.programming(entry("gamma"), Measurements.none()))
        .extracting(Score::value, Score::provenance).containsExactly(0.0, Provenance.UNKNOWN);
    assertThat(Rubric.programming(Optional.empty(), Measurements.none()).why())
        .isEqualTo("no measured results and no catalog entry");
  }

  @Test
  void reportedNumber_isTheLastNumberOutsideParentheses() {
    assertThat(CatalogFacts.reportedNumber("LiveCodeBench (10/2024–02/2025) pass@1 43.4"
        + " (instruct)")).hasValue(43.4);
    assertThat(CatalogFacts.reportedNumber("TerminalBench 2.0 50.8")).hasValue(50.8);
    assertThat(CatalogFacts.reportedNumber("LiveCodeBench v6 85.0")).hasValue(85.0);
    assertThat(CatalogFacts.reportedNumber("MBPP 77.6 (pretrained)")).hasValue(77.6);
    assertThat(CatalogFacts.reportedNumber("Codeforces ELO 2150")).hasValue(2150.0);
    assertThat(CatalogFacts.reportedNumber("unspecified")).isEmpty();
  }

  @Test
  void codeforces_mapsRatingOver300_cappedAt10() {
    assertThat(Rubric.codeforcesScore(1899)).isCloseTo(6.33, within(0.01));
    assertThat(Rubric.codeforcesScore(3600)).isEqualTo(10.0);
  }

  // ---- multimodal

  @Test
  void multimodal_fromCatalogModalities_imagesSevenVideoTwoAudioOne() {
    assertThat(Rubric.multimodal(entry("alpha-27b"), Measurements.none()))
        .extracting(Score::value, Score::provenance).containsExactly(7.0, Provenance.CATALOG);
    assertThat(Rubric.multimodal(entry("beta-vl"), Measurements.none()).value()).isEqualTo(10.0);
    assertThat(Rubric.multimodal(entry("gamma"), Measurements.none()).value()).isEqualTo(0.0);
    assertThat(Rubric.multimodal(entry("alpha-27b"), Measurements.none()).why())
        .isEqualTo("takes images; not video, audio → 7.0; no multimodal suite measured");
  }

  @Test
  void multimodal_averagesCatalogAndMeasuredPassRate_whenAMultimodalSuiteRan() {
    Score s = Rubric.multimodal(entry("alpha-27b"), suites(multimodal("image-tasks", 0.5)));

    assertThat(s.value()).isCloseTo((7 + 5) / 2.0, CLOSE);
    assertThat(s.provenance()).isEqualTo(Provenance.MEASURED);
    assertThat(s.why()).contains("image-tasks pass@1 50.0%");
  }

  @Test
  void multimodal_isTheMeasuredRateAlone_withoutACatalogEntry() {
    assertThat(Rubric.multimodal(Optional.empty(), suites(multimodal("vision-rs", 0.25))).value())
        .isCloseTo(2.5, CLOSE);
    assertThat(Rubric.multimodal(Optional.empty(), Measurements.none()).provenance())
        .isEqualTo(Provenance.UNKNOWN);
  }

  // ---- self-hosting

  @Test
  void costScore_isLogScale_thousandDollarsTenMillionZero() {
    assertThat(Rubric.costScore(1_000)).isCloseTo(10.0, CLOSE);
    assertThat(Rubric.costScore(10_000)).isCloseTo(10 - 10.0 / 3, CLOSE);
    assertThat(Rubric.costScore(1_000_000)).isCloseTo(0.0, CLOSE);
    assertThat(Rubric.costScore(500)).isEqualTo(10.0);
    assertThat(Rubric.costScore(8_000_000)).isEqualTo(0.0);
    assertThat(Rubric.costScore(2_755)).isGreaterThan(Rubric.costScore(240_000));
  }

  @Test
  void activeAndContextAndSpeedScores_followTheirDocumentedScales() {
    assertThat(Rubric.activeScore(1)).isCloseTo(10.0, CLOSE);
    assertThat(Rubric.activeScore(1000)).isCloseTo(0.0, CLOSE);
    assertThat(Rubric.contextScore(262_144)).isCloseTo(10.0, CLOSE);
    assertThat(Rubric.contextScore(1_048_576)).isEqualTo(10.0);
    assertThat(Rubric.contextScore(131_072)).isCloseTo(8.5, CLOSE);
    assertThat(Rubric.contextScore(4_096)).isCloseTo(1.0, CLOSE);
    assertThat(Rubric.speedScore(1)).isCloseTo(0.0, CLOSE);
    assertThat(Rubric.speedScore(10)).isCloseTo(5.0, CLOSE);
    assertThat(Rubric.speedScore(100)).isCloseTo(10.0, CLOSE);
    assertThat(Rubric.speedScore(500)).isEqualTo(10.0);
  }

  @Test
  void selfHosting_fromCatalogCostActiveAndContext() {
    Score s = Rubric.selfHosting(entry("alpha-27b"), Measurements.none());

    double expected = 0.5 * Rubric.costScore(8_750) + 0.25 * Rubric.activeScore(27) + 0.25 * 10;
    assertThat(s.value()).isCloseTo(expected, CLOSE);
    assertThat(s.provenance()).isEqualTo(Provenance.CATALOG);
    assertThat(s.why()).isEqualTo("cost $8,750 (1×L40S 48GB) → 6.9, active 27B → 5.2,"
        + " context 256K → 10.0; tokens/s not measured");
  }

  @Test
  void selfHosting_countsUnknownComponentsAsFive() {
    Score s = Rubric.selfHosting(entry("beta-vl"), Measurements.none());

    assertThat(s.value()).isCloseTo(0.5 * 5 + 0.25 * Rubric.activeScore(3) + 0.25 * 5, CLOSE);
    assertThat(s.why()).contains("cost unspecified → 5.0", "active 3B", "context unspecified");
  }

  @Test
  void selfHosting_mixesInMeasuredTokensPerSecond() {
    Score catalogOnly = Rubric.selfHosting(entry("alpha-27b"), Measurements.none());
    Score s = Rubric.selfHosting(entry("alpha-27b"),
        measured(List.of(completion("humaneval-rs", 0.5)), OptionalDouble.of(50), 0, 0));

    assertThat(s.value()).isCloseTo(0.8 * catalogOnly.value() + 0.2 * Rubric.speedScore(50),
        CLOSE);
    assertThat(s.provenance()).isEqualTo(Provenance.MEASURED);
    assertThat(s.why()).endsWith("+ 0.2 × measured 50.0 tokens/s → 8.5");
  }

  @Test
  void selfHosting_isTheSpeedAlone_withoutACatalogEntry() {
    Score s = Rubric.selfHosting(Optional.empty(),
        measured(List.of(completion("humaneval-rs", 0.5)), OptionalDouble.of(10), 0, 0));

    assertThat(s.value()).isCloseTo(5.0, CLOSE);
    assertThat(s.provenance()).isEqualTo(Provenance.MEASURED);
  }

  @Test
  void activeBillions_readsTheFirstSizeWithAUnit() {
    assertThat(CatalogFacts.activeBillions(Fixtures.profile("beta-vl"))).hasValue(3.0);
    assertThat(CatalogFacts.activeBillions(Fixtures.profile("gamma"))).isEmpty();
    ModelCatalog builtIn = ModelCatalog.builtIn();
    assertThat(CatalogFacts.activeBillions(builtIn.find("gemma-4-e4b").orElseThrow()))
        .hasValue(4.5);
    assertThat(CatalogFacts.activeBillions(builtIn.find("qwen3-vl-235b-a22b").orElseThrow()))
        .hasValue(22.0);
    assertThat(CatalogFacts.activeBillions(builtIn.find("kimi-k2.5").orElseThrow()))
        .hasValue(32.0);
  }

  // ---- tool use

  @Test
  void toolUse_fromCatalog_nativeCallingParserAndOpenAiEngine() {
    assertThat(Rubric.toolUse(entry("alpha-27b"), Measurements.none()).value()).isEqualTo(10.0);
    assertThat(Rubric.toolUse(entry("beta-vl"), Measurements.none()).value()).isEqualTo(4.0);
    assertThat(Rubric.toolUse(entry("gamma"), Measurements.none()))
        .extracting(Score::value, Score::provenance).containsExactly(2.0, Provenance.CATALOG);
    assertThat(Rubric.toolUse(entry("alpha-27b"), Measurements.none()).why())
        .isEqualTo("native tool calling yes → 6.0, tool-call parser hermes +2,"
            + " OpenAI-compatible vLLM +2; no tool calls measured");
  }

  @Test
  void toolUse_averagesCatalogAndMeasuredValidity() {
    Score s = Rubric.toolUse(entry("beta-vl"),
        measured(List.of(repository("swe-rs", 0.5)), OptionalDouble.empty(), 20, 5));

    assertThat(s.value()).isCloseTo((4 + 7.5) / 2, CLOSE);
    assertThat(s.provenance()).isEqualTo(Provenance.MEASURED);
    assertThat(s.why()).endsWith("measured validity 75.0% of 20 tool calls → 7.5");
  }

  @Test
  void toolUse_isTheValidityAlone_withoutACatalogEntry() {
    Score s = Rubric.toolUse(Optional.empty(),
        measured(List.of(repository("swe-rs", 0.5)), OptionalDouble.empty(), 10, 1));

    assertThat(s.value()).isCloseTo(9.0, CLOSE);
    assertThat(Rubric.toolUse(Optional.empty(), Measurements.none()).provenance())
        .isEqualTo(Provenance.UNKNOWN);
  }

  // ---- licence

  @Test
  void licenceTable_classifiesTheSurveysLicences() {
    assertThat(Rubric.LicenceClass.of("Apache-2.0").score).isEqualTo(10.0);
    assertThat(Rubric.LicenceClass.of("MIT").score).isEqualTo(10.0);
    assertThat(Rubric.LicenceClass.of("Modified MIT").score).isEqualTo(8.0);
    assertThat(Rubric.LicenceClass.of("Llama 4 Community License").score).isEqualTo(6.0);
    assertThat(Rubric.LicenceClass.of("qwen (custom)").score).isEqualTo(5.0);
    assertThat(Rubric.LicenceClass.of("MIT code + DeepSeek Model License (commercial use"
        + " allowed)").score).isEqualTo(5.0);
    assertThat(Rubric.LicenceClass.of("unspecified (the survey says to follow the model card's"
        + " terms)").score).isEqualTo(3.0);
  }

  @Test
  void licence_mixesLicenceAndServingEngines() {
    Score alpha = Rubric.licence(entry("alpha-27b"));
    Score gamma = Rubric.licence(entry("gamma"));

    assertThat(alpha.value()).isCloseTo(0.7 * 10 + 0.3 * 7.5, CLOSE);
    assertThat(alpha.why()).isEqualTo("licence Apache-2.0 (permissive) → 10.0; engines"
        + " SGLang, Transformers, vLLM → 7.5");
    assertThat(gamma.value()).isCloseTo(0.7 * 3 + 0.3 * 7.5, CLOSE);
    assertThat(gamma.why()).contains("(unspecified) → 3.0", "LMDeploy", "Ollama", "SGLang");
    assertThat(Rubric.licence(Optional.empty()))
        .extracting(Score::value, Score::provenance).containsExactly(0.0, Provenance.UNKNOWN);
  }

  @Test
  void engines_doNotCountTransformersInsideKTransformers() {
    ModelProfile kimi = ModelCatalog.builtIn().find("kimi-k2.5").orElseThrow();

    assertThat(CatalogFacts.engines(kimi)).containsExactly("KTransformers", "SGLang", "vLLM");
  }

  // ---- total and rules

  @Test
  void total_isTheWeightedSum_andWeightsAddUpToOne() {
    List<Score> scores = List.of(new Score(Dimension.PROGRAMMING, 10, Provenance.MEASURED, ""),
        new Score(Dimension.MULTIMODAL, 5, Provenance.CATALOG, ""),
        new Score(Dimension.SELF_HOSTING, 4, Provenance.CATALOG, ""),
        new Score(Dimension.TOOL_USE, 0, Provenance.UNKNOWN, ""),
        new Score(Dimension.LICENCE, 10, Provenance.CATALOG, ""));

    assertThat(Rubric.total(scores)).isCloseTo(3.5 + 1.0 + 1.0 + 0 + 1.0, CLOSE);
    double weights = 0;
    for (Dimension d : Dimension.values()) {
      weights += d.weight();
    }
    assertThat(weights).isCloseTo(1.0, CLOSE);
    assertThat(Dimension.PROGRAMMING.weight()).isEqualTo(0.35);
    assertThat(Dimension.SELF_HOSTING.weight()).isEqualTo(0.25);
  }

  @Test
  void score_refusesValuesOutsideZeroToTen() {
    assertThatThrownBy(() -> new Score(Dimension.LICENCE, 10.5, Provenance.CATALOG, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 0–10");
  }

  @Test
  void rules_documentEveryDimensionAndProvenance() {
    String rules = Rubric.rules();

    assertThat(rules).contains("**Programming & systems engineering (35%).**",
        "**Multimodal usefulness (20%).**", "**Self-hosting efficiency (25%).**",
        "**Tool-use readiness (10%).**", "**Licence & ecosystem (10%).**",
        "reported, not measured", "MEASURED", "REPORTED", "CATALOG", "UNKNOWN",
        "10 − (10/3)·log10(c / 1,000)", "Modified MIT 8", "26,280 h");
    assertThat(Rubric.ruleList()).hasSize(8);
  }
}
