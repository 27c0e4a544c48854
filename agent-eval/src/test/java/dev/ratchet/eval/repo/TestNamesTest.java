package dev.ratchet.eval.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ratchet.gate.TestOutcome;
import dev.ratchet.gate.TestOutcome.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule that finds a data set's test names among the accounting's outcomes. */
class TestNamesTest {

  @Test
  void matches_theLibtestNameQualifiedByItsTarget() {
    assertThat(TestNames.matches("tests::foo", "mycrate::tests::foo")).isTrue();
    assertThat(TestNames.matches("baz", "cli::baz")).isTrue();
    assertThat(TestNames.matches("module::tests::bar", "my_crate::module::tests::bar")).isTrue();
  }

  @Test
  void matches_anOutcomeEqualToTheName_suchAsADocTest() {
    assertThat(TestNames.matches("src/lib.rs - add (line 5)", "src/lib.rs - add (line 5)"))
        .isTrue();
    assertThat(TestNames.matches("mycrate::tests::foo", "mycrate::tests::foo")).isTrue();
  }

  @Test
  void doesNotMatch_aDeeperPath_orAnotherName() {
    assertThat(TestNames.matches("tests::foo", "mycrate::other::tests::foo")).isFalse();
    assertThat(TestNames.matches("baz", "mycrate::tests::baz")).isFalse();
    assertThat(TestNames.matches("foo", "mycrate::tests::foobar")).isFalse();
    assertThat(TestNames.matches("foo", "mycrate::xfoo")).isFalse();
    assertThat(TestNames.matches("line 5)", "src/lib.rs - add (line 5)")).isFalse();
  }

  @Test
  void matches_throughTheBinaryLabelThatTellsSharedNamesApart() {
    assertThat(TestNames.matches("tests::foo",
        "mycrate::tests::foo [unittests src/main.rs (mycrate)]")).isTrue();
  }

  @Test
  void judge_keepsTheDataSetsNamesAndOrder_andFailsWhatIsMissing() {
    List<TestOutcome> ran = List.of(
        outcome("tally::tests::b", Status.PASSED, ""),
        outcome("tally::tests::a", Status.FAILED, "assertion failed"),
        outcome("empty::c", Status.IGNORED, ""));

    List<TestOutcome> judged = TestNames.judge(List.of("tests::a", "tests::b", "c", "d"), ran,
        "not found in the test run");

    assertThat(judged).extracting(TestOutcome::name, TestOutcome::status, TestOutcome::message)
        .containsExactly(
            tuple("tests::a", Status.FAILED, "assertion failed"),
            tuple("tests::b", Status.PASSED, ""),
            tuple("c", Status.IGNORED, "it did not run (#[ignore]d)"),
            tuple("d", Status.FAILED, "not found in the test run"));
  }

  @Test
  void judge_aNameInTwoBinaries_passesOnlyWhenBothPass() {
    List<TestOutcome> ran = List.of(
        outcome("app::tests::x [unittests src/lib.rs (app)]", Status.PASSED, ""),
        outcome("app::tests::x [unittests src/main.rs (app)]", Status.FAILED, "boom"));

    assertThat(TestNames.judge(List.of("tests::x"), ran, "missing")).singleElement()
        .satisfies(t -> {
          assertThat(t.status()).isEqualTo(Status.FAILED);
          assertThat(t.message()).isEqualTo("boom (as app::tests::x [unittests src/main.rs"
              + " (app)])");
        });
    assertThat(TestNames.judge(List.of("tests::x"), ran.subList(0, 1), "missing"))
        .extracting(TestOutcome::status).containsExactly(Status.PASSED);
  }

  @Test
  void allFailed_givesEveryNameTheSameReason() {
    assertThat(TestNames.allFailed(List.of("a", "b"), "the tests do not compile"))
        .extracting(TestOutcome::status, TestOutcome::message)
        .containsOnly(tuple(Status.FAILED, "the tests do not compile"));
  }

  private static TestOutcome outcome(String name, Status status, String message) {
    return new TestOutcome(name, status, message, Duration.ZERO);
  }
}
