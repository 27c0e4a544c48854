package dev.ratchet.eval.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ratchet.eval.EvalResult;
import dev.ratchet.eval.InstanceResult;
import dev.ratchet.eval.ProblemResult;
import dev.ratchet.eval.Sample;
import dev.ratchet.eval.Status;
import dev.ratchet.models.ModelCatalog;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RankingTest {
  static final Offset<Double> CLOSE = within(1e-9);

  static Ranking fixture(String... files) {
    return Ranking.of(Fixtures.results(files), Fixtures.catalog());
  }

  static Standing standing(Ranking r, String model) {
    return r.standing(model).orElseThrow();
  }

  @Test
  void of_ranksByTotal_measuredCatalogModelsResultOnlyModelsAndCatalogOnlyModels() {
    Ranking r = fixture("results.jsonl");

    assertThat(r.standings()).extracting(Standing::rank).containsExactly(1, 2, 3, 4);
    assertThat(r.standings()).extracting(Standing::model)
        .containsExactly("alpha-27b", "local:my-finetune", "beta-vl", "gamma");
    assertThat(r.standings()).extracting(Standing::isMeasured)
        .containsExactly(true, true, true, false);
    assertThat(r.suites()).containsExactly("humaneval-rs", "image-tasks-rs", "multi-swe-bench-rs");
  }

  @Test
  void of_scoresAMeasuredCatalogModel_byEveryRule() {
    Standing alpha = standing(fixture("results.jsonl"), "alpha-27b");

    assertThat(alpha.resultNames()).containsExactly("openai:alpha-27b");
    assertThat(alpha.name()).isEqualTo("Alpha 27B");
    // humaneval-rs pass@1 (1.0 + 0.2) / 2 = 0.6; multi-swe-bench-rs resolved 1 of 2
    assertThat(alpha.score(Dimension.PROGRAMMING).value()).isCloseTo(5.5, CLOSE);
    // images 7, image-tasks-rs pass@1 100% → 10: mean 8.5
    assertThat(alpha.score(Dimension.MULTIMODAL).value()).isCloseTo(8.5, CLOSE);
    // 11 samples of 100 tokens in 2 s each: 50 tokens/s
    double catalog = 0.5 * Rubric.costScore(8_750) + 0.25 * Rubric.activeScore(27) + 0.25 * 10;
    assertThat(alpha.score(Dimension.SELF_HOSTING).value())
        .isCloseTo(0.8 * catalog + 0.2 * Rubric.speedScore(50), CLOSE);
    // catalog 10, 18 of 20 tool calls well formed → 9: mean 9.5
    assertThat(alpha.score(Dimension.TOOL_USE).value()).isCloseTo(9.5, CLOSE);
    assertThat(alpha.score(Dimension.LICENCE).value()).isCloseTo(9.25, CLOSE);
    assertThat(alpha.scores()).extracting(Score::provenance).containsExactly(
        Provenance.MEASURED, Provenance.MEASURED, Provenance.MEASURED, Provenance.MEASURED,
        Provenance.CATALOG);
    assertThat(alpha.total()).isCloseTo(0.35 * 5.5 + 0.2 * 8.5
        + 0.25 * (0.8 * catalog + 0.2 * Rubric.speedScore(50)) + 0.1 * 9.5 + 0.1 * 9.25, CLOSE);
  }

  @Test
  void of_marksCatalogOnlyModelsAsReportedOrCatalog_neverMeasured() {
    Ranking r = Ranking.of(Fixtures.results("results.jsonl"), ModelCatalog.builtIn());

    // the fixture's three models are not in the built-in catalog: ranked on their own
    assertThat(r.standings()).hasSize(ModelCatalog.builtIn().all().size() + 3);
    Standing kimi = standing(r, "kimi-k2.5");
    assertThat(kimi.isMeasured()).isFalse();
    assertThat(kimi.resultNames()).isEmpty();
    assertThat(kimi.score(Dimension.PROGRAMMING).provenance()).isEqualTo(Provenance.REPORTED);
    assertThat(kimi.score(Dimension.PROGRAMMING).why()).startsWith("reported, not measured: ");
    assertThat(kimi.scores()).extracting(Score::provenance)
        .doesNotContain(Provenance.MEASURED);
    Standing qwenVl = standing(r, "qwen3-vl-235b-a22b");
    assertThat(qwenVl.score(Dimension.PROGRAMMING).provenance()).isEqualTo(Provenance.UNKNOWN);
    assertThat(r.standings().stream().filter(s -> !s.isMeasured()))
        .allSatisfy(s -> assertThat(s.scores()).extracting(Score::provenance)
            .doesNotContain(Provenance.MEASURED));
  }

  @Test
  void of_ranksAModelWithNoCatalogEntry_fromMeasurementsAlone() {
    Standing mine = standing(fixture("results.jsonl"), "local:my-finetune");

    assertThat(mine.profile()).isEmpty();
    assertThat(mine.scores()).extracting(Score::value).containsExactly(10.0, 0.0, 10.0, 0.0, 0.0);
    assertThat(mine.scores()).extracting(Score::provenance).containsExactly(
        Provenance.MEASURED, Provenance.UNKNOWN, Provenance.MEASURED, Provenance.UNKNOWN,
        Provenance.UNKNOWN);
    assertThat(mine.total()).isCloseTo(6.0, CLOSE);
  }

  @Test
  void of_keepsReferenceRunsApart() {
    Ranking r = fixture("results.jsonl");

    assertThat(r.references()).containsOnlyKeys("gold");
    assertThat(r.references().get("gold").suites()).singleElement()
        .satisfies(s -> assertThat(s.passAt1()).isEqualTo(1.0));
    assertThat(r.standing("gold")).isEmpty();
  }

  @Test
  void of_matchesModelNames_byPrefixedIdHuggingFaceIdAndServedCheckpoint() {
    Ranking r = fixture("results.jsonl", "more.jsonl");

    assertThat(standing(r, "beta-vl").resultNames()).containsExactly("openai:example/Beta-VL");
    Standing alpha = standing(r, "alpha-27b");
    assertThat(alpha.resultNames()).containsExactly("openai:alpha-27b", "example/Alpha-27B-FP8");
    assertThat(alpha.measured().suites()).extracting(SuiteResult::suite)
        .containsExactly("humaneval-rs", "image-tasks-rs", "mbpp-rs", "multi-swe-bench-rs");
    // humaneval-rs 0.6, mbpp-rs 0.0, multi-swe-bench-rs 0.5
    assertThat(alpha.score(Dimension.PROGRAMMING).value()).isCloseTo(10 * 1.1 / 3, CLOSE);
  }

  @Test
  void of_keepsTheLastResultForASuiteAndId() {
    List<EvalResult> results = Fixtures.results("results.jsonl");
    results.add(new ProblemResult("humaneval-rs", "HumanEval_1", "openai:alpha-27b", 0.2, 7,
        List.of(sample(true), sample(true))));

    Standing alpha = standing(Ranking.of(results, Fixtures.catalog()), "alpha-27b");

    assertThat(alpha.measured().suite("humaneval-rs").orElseThrow())
        .satisfies(s -> assertThat(s.tasks()).isEqualTo(2))
        .satisfies(s -> assertThat(s.passAt1()).isEqualTo(1.0));
  }

  @Test
  void of_leavesOutInstancesThatDoNotApplyToTheModel() {
    List<EvalResult> results = Fixtures.results("results.jsonl");
    Standing before = standing(Ranking.of(results, Fixtures.catalog()), "alpha-27b");
    results.add(InstanceResult.notApplicable("multi-swe-bench-rs", "needs-eyes",
        "openai:alpha-27b", "not applicable: the task comes with a picture"));

    Standing after = standing(Ranking.of(results, Fixtures.catalog()), "alpha-27b");

    assertThat(after.measured().suite("multi-swe-bench-rs").orElseThrow().tasks())
        .isEqualTo(before.measured().suite("multi-swe-bench-rs").orElseThrow().tasks());
    assertThat(after.total()).isCloseTo(before.total(), CLOSE);
  }

  @Test
  void of_usesAnExplicitAlias() {
    Ranking r = Ranking.of(Fixtures.results("results.jsonl"), Fixtures.catalog(),
        RankOptions.defaults().withAlias("local:my-finetune", "gamma"));

    Standing gamma = standing(r, "gamma");
    assertThat(gamma.resultNames()).containsExactly("local:my-finetune");
    assertThat(gamma.isMeasured()).isTrue();
    assertThat(r.standings()).hasSize(3);
  }

  @Test
  void of_refusesAnAliasToNoCatalogEntry() {
    assertThatThrownBy(() -> Ranking.of(List.of(), Fixtures.catalog(),
        RankOptions.defaults().withAlias("x", "nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alias x=nope names no catalog entry");
  }

  @Test
  void of_countsNamedSuitesAsMultimodal() {
    Ranking byName = fixture("results.jsonl");
    Ranking named = Ranking.of(Fixtures.results("results.jsonl"), Fixtures.catalog(),
        RankOptions.defaults().withMultimodalSuite("multi-swe-bench-rs"));

    assertThat(standing(byName, "alpha-27b").measured().multimodalSuites())
        .extracting(SuiteResult::suite).containsExactly("image-tasks-rs");
    assertThat(standing(named, "alpha-27b").measured().multimodalSuites())
        .extracting(SuiteResult::suite).containsExactly("image-tasks-rs", "multi-swe-bench-rs");
    assertThat(standing(named, "alpha-27b").score(Dimension.PROGRAMMING).value())
        .isCloseTo(6.0, CLOSE);
    assertThat(new RankOptions(java.util.Map.of(), Set.of()).isMultimodal("Vision-Bench"))
        .isTrue();
  }

  @Test
  void measurements_passAtKOnlyWhereEveryProblemHasEnoughSamples() {
    Ranking r = fixture("results.jsonl", "more.jsonl");
    Standing alpha = standing(r, "alpha-27b");

    SuiteResult humaneval = alpha.measured().suite("humaneval-rs").orElseThrow();
    assertThat(humaneval.kind()).isEqualTo(SuiteResult.Kind.COMPLETION);
    assertThat(humaneval.passAtK()).containsOnlyKeys(5);
    assertThat(humaneval.passAt(5)).hasValue(1.0);
    assertThat(humaneval.passAt(10)).isEmpty();
    assertThat(humaneval.solved()).isEqualTo(2);
    SuiteResult mbpp = alpha.measured().suite("mbpp-rs").orElseThrow();
    assertThat(mbpp.passAtK()).containsOnlyKeys(5, 10);
    SuiteResult swe = alpha.measured().suite("multi-swe-bench-rs").orElseThrow();
    assertThat(swe.kind()).isEqualTo(SuiteResult.Kind.REPOSITORY);
    assertThat(swe.passAtK()).isEmpty();
    assertThat(swe.solved()).isEqualTo(1);
  }

  @Test
  void measurements_latencyThroughputToolCallsIterationsAndGateTime() {
    Measurements m = standing(fixture("results.jsonl"), "alpha-27b").measured();

    assertThat(m.samples()).isEqualTo(11);
    assertThat(m.instances()).isEqualTo(2);
    assertThat(m.latencyMillis()).hasValue(2000.0);
    assertThat(m.medianLatencyMillis()).hasValue(2000.0);
    assertThat(m.tokensPerSecond()).hasValue(50.0);
    assertThat(m.toolCalls()).isEqualTo(20);
    assertThat(m.invalidToolCalls()).isEqualTo(2);
    assertThat(m.toolCallValidity()).hasValue(0.9);
    assertThat(m.iterationsToSuccess()).hasValue(3.0);
    assertThat(m.gateMillis()).hasValue(5000.0);
    assertThat(m.runMillis()).hasValue(300.0);
  }

  @Test
  void measurements_noTokensPerSecond_whenRepliesHaveNoTokenCounts() {
    Measurements m = standing(fixture("results.jsonl"), "beta-vl").measured();

    assertThat(m.latencyMillis()).hasValue(1000.0);
    assertThat(m.tokensPerSecond()).isEmpty();
    assertThat(m.toolCallValidity()).isEmpty();
    assertThat(standing(fixture("results.jsonl"), "beta-vl").score(Dimension.SELF_HOSTING)
        .provenance()).isEqualTo(Provenance.CATALOG);
  }

  @Test
  void solvedPerDollar_spreadsTheGpuCostOverThreeYears() {
    Standing alpha = standing(fixture("results.jsonl"), "alpha-27b");

    // timed: 11 samples × 2 s (7 passed: 5 + 1 + 1) and 2 instances of 16 s and 24 s model time
    // (1 resolved) → 8 solved in 62 s; 62 s of a $8,750 GPU over 26,280 h.
    double dollars = 62 / 3600.0 * 8_750 / 26_280;
    assertThat(alpha.solvedPerDollar().getAsDouble()).isCloseTo(8 / dollars, within(1e-6));
    assertThat(standing(fixture("results.jsonl"), "gamma").solvedPerDollar()).isEmpty();
    assertThat(standing(fixture("results.jsonl"), "local:my-finetune").solvedPerDollar())
        .isEmpty();
  }

  @Test
  void of_ranksTheCatalogAlone_whenThereAreNoResults() {
    Ranking r = Ranking.of(List.of(), ModelCatalog.builtIn());

    assertThat(r.standings()).hasSize(ModelCatalog.builtIn().all().size());
    assertThat(r.measured()).isEmpty();
    assertThat(r.suites()).isEmpty();
    assertThat(r.standings()).isSortedAccordingTo((a, b) -> Double.compare(b.total(), a.total()));
  }

  static Sample sample(boolean ok) {
    return new Sample(0, "", ok ? Status.OK : Status.EXCEPTION, ok ? 0 : 101, "", "", 10, 0, 0,
        0);
  }
}
