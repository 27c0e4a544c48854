package dev.ratchet.rust.cargo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchComparisonTest {

  private static List<BenchEstimate> recorded(String which) {
    CriterionResults results = CriterionEstimates.read(Golden.dir("criterion"),
        "target/criterion", which);
    assertThat(results.problems()).isEmpty();
    return results.benchmarks();
  }

  private static BenchEstimate estimate(String name, double point, double lower, double upper) {
    BenchEstimate.Interval i = new BenchEstimate.Interval(point, lower, upper);
    return new BenchEstimate(name, i, i);
  }

  @Test
  void compare_findsTheRecordedRegression_improvementAndNoise() {
    List<BenchVerdict> verdicts = BenchComparison.compare(recorded("before"), recorded("new"));

    assertThat(verdicts).extracting(BenchVerdict::name, BenchVerdict::kind).containsExactly(
        tuple("checksum", BenchVerdict.Kind.IMPROVEMENT),
        tuple("parse/large", BenchVerdict.Kind.REGRESSION),
        tuple("parse/small", BenchVerdict.Kind.WITHIN_NOISE));
    assertThat(verdicts).extracting(BenchVerdict::explanation).containsExactly(
        "checksum: 3.13 ns → 2.71 ns (-13.2%), CIs [3.11,3.14] vs [2.67,2.77] do not overlap:"
            + " improvement",
        "parse/large: 910 ns → 1205 ns (+32.3%), CIs [907,915] vs [1198,1213] do not overlap:"
            + " regression",
        "parse/small: 2.89 ns → 2.86 ns (-0.9%), CIs [2.85,2.94] vs [2.85,2.88] overlap:"
            + " within noise");
    assertThat(verdicts).filteredOn(BenchVerdict::blocks).extracting(BenchVerdict::name)
        .containsExactly("parse/large");
  }

  @Test
  void compare_formatsMilliseconds_likeTheIssueExample() {
    BenchVerdict v = BenchComparison.compare(
        List.of(estimate("parse/large", 1.52e6, 1.50e6, 1.54e6)),
        List.of(estimate("parse/large", 1.91e6, 1.88e6, 1.95e6))).get(0);

    assertThat(v.explanation()).isEqualTo("parse/large: 1.52 ms → 1.91 ms (+25.7%), CIs"
        + " [1.50,1.54] vs [1.88,1.95] do not overlap: regression");
    assertThat(v.change()).isCloseTo(0.2566, within(1e-3));
  }

  @Test
  void compare_doesNotFail_whenTheIntervalsOverlap() {
    BenchVerdict v = BenchComparison.compare(List.of(estimate("b", 100, 60, 140)),
        List.of(estimate("b", 130, 90, 170))).get(0);

    assertThat(v.kind()).isEqualTo(BenchVerdict.Kind.WITHIN_NOISE);
    assertThat(v.blocks()).isFalse();
    assertThat(v.explanation()).endsWith("overlap: within noise");
  }

  @Test
  void compare_doesNotFail_whenTheChangeIsUnderTheThreshold() {
    List<BenchEstimate> before = List.of(estimate("b", 100, 99, 101));
    List<BenchEstimate> after = List.of(estimate("b", 108, 107, 109));

    assertThat(BenchComparison.compare(before, after).get(0).explanation()).endsWith(
        "do not overlap, but the change is within the 10% threshold: within noise");
    assertThat(BenchComparison.compare(before, after, 0.05).get(0).kind())
        .isEqualTo(BenchVerdict.Kind.REGRESSION);
  }

  @Test
  void compare_blocksOnAMissingBenchmark_andReportsANewOne() {
    List<BenchVerdict> verdicts = BenchComparison.compare(List.of(estimate("old", 5, 4, 6)),
        List.of(estimate("fresh", 2000, 1900, 2100)));

    assertThat(verdicts).extracting(BenchVerdict::kind, BenchVerdict::blocks).containsExactly(
        tuple(BenchVerdict.Kind.NEW, false), tuple(BenchVerdict.Kind.MISSING, true));
    assertThat(verdicts.get(0).explanation())
        .isEqualTo("fresh: new benchmark, 2.00 µs [1.90,2.10]");
  }

  @Test
  void compare_refusesABadThreshold_orDuplicateNames() {
    assertThatThrownBy(() -> BenchComparison.compare(List.of(), List.of(), -0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BenchComparison.compare(List.of(), List.of(), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BenchComparison.compare(
        List.of(estimate("a", 1, 1, 1), estimate("a", 2, 2, 2)), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' appears twice");
  }

  @Test
  void baselineJson_roundTrips_inAStableOrder() {
    List<BenchEstimate> estimates = recorded("new");

    String json = BenchComparison.toBaselineJson(estimates);

    assertThat(BenchComparison.fromBaselineJson(json)).isEqualTo(estimates);
    assertThat(json).contains("\"format\" : \"" + BenchComparison.FORMAT + "\"");
    assertThat(json.indexOf("\"checksum\"")).isLessThan(json.indexOf("\"parse/large\""));
    assertThat(BenchComparison.toBaselineJson(List.of(estimates.get(2), estimates.get(0),
        estimates.get(1)))).isEqualTo(json);
  }

  @Test
  void fromBaselineJson_refusesOtherDocuments() {
    assertThatThrownBy(() -> BenchComparison.fromBaselineJson("{\"benchmarks\":{}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
    assertThatThrownBy(() -> BenchComparison.fromBaselineJson("not json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BenchComparison.fromBaselineJson("{\"format\":\""
        + BenchComparison.FORMAT + "\",\"benchmarks\":{\"a\":{\"mean\":{\"point\":1}}}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower");
  }
}
