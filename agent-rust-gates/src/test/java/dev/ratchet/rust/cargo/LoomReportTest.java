package dev.ratchet.rust.cargo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoomReportTest {

  @Test
  void parse_reducesEachFailingModelToItsPanicAndLoomLines() {
    LoomReport report = LoomReport.parse(Golden.text("loom_failure/run.txt"));

    assertThat(report.failures()).extracting(LoomReport.Failure::test)
        .containsExactly("model::slot_is_racy", "model::two_increments_make_two");
    LoomReport.Failure race = report.failures().get(0);
    assertThat(race.message())
        .isEqualTo("Causality violation: Concurrent read and write accesses to `UnsafeCell`.");
    assertThat(race.location()).endsWith("loom-0.7.3/src/rt/location.rs:115:9");
    assertThat(race.loomLines()).containsExactly(race.message());
    LoomReport.Failure lost = report.failures().get(1);
    assertThat(lost.message()).isEqualTo(
        "assertion `left == right` failed: lost an increment\n  left: 1\n right: 2");
    assertThat(lost.location()).isEqualTo("tests/model.rs:14:9");
    assertThat(lost.loomLines()).isEmpty();
    assertThat(lost.iteration()).isZero();
  }

  @Test
  void parse_readsLoomsLog_withoutColours() {
    LoomReport report = LoomReport.parse(Golden.text("loom_log/run.txt"));

    LoomReport.Failure race = report.failures().get(0);
    assertThat(race.iteration()).isEqualTo(1);
    assertThat(race.loomLines()).containsExactly(
        "Causality violation: Concurrent read and write accesses to `UnsafeCell`.",
        "created: tests/model.rs:30:41", "read: thread #0 @ src/lib.rs:53:23",
        "write: thread #1 @ src/lib.rs:44:16");
    assertThat(race.message()).contains("    created: tests/model.rs:30:41");
    assertThat(String.join("", race.loomLines()) + race.message()).doesNotContain("\u001B[");
  }

  @Test
  void parse_takesTheLastIterationLogged() {
    String run = "     Running tests/m.rs (target/release/deps/m-0123456789abcdef)\n\n"
        + "running 1 test\ntest t ... FAILED\n\nfailures:\n\n---- t stdout ----\n"
        + " INFO iter{1}: loom::rt::execution: ~~~~~~~~ THREAD 1 ~~~~~~~~\n"
        + " INFO iter{17}: loom::rt::execution: ~~~~~~~~ THREAD 0 ~~~~~~~~\n"
        + "thread 't' panicked at /x/loom/src/rt/mod.rs:1:1:\ndeadlock; threads = [(Id(0),"
        + " Blocked), (Id(1), Blocked)]\n\n\nfailures:\n    t\n\ntest result: FAILED. 0 passed;"
        + " 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n";

    LoomReport.Failure f = LoomReport.parse(run).failures().get(0);

    assertThat(f.iteration()).isEqualTo(17);
    assertThat(f.loomLines()).singleElement().asString().startsWith("deadlock; threads");
  }

  @Test
  void summary_listsFailuresWithIterationAndLoomLines() {
    String summary = LoomReport.parse(Golden.text("loom_log/run.txt")).summary();

    assertThat(summary).startsWith("FAILED model::slot_is_racy (loom iteration 1)\n  panicked at ")
        .contains("\n  Causality violation: Concurrent read and write accesses to `UnsafeCell`.\n"
            + "      created: tests/model.rs:30:41")
        .contains("FAILED model::two_increments_make_two (loom iteration 1)\n"
            + "  panicked at tests/model.rs:14:9\n  assertion `left == right` failed");
  }

  @Test
  void summary_saysSo_whenNothingFailed() {
    assertThat(LoomReport.parse(Golden.text("test_workspace/run.txt")).summary())
        .isEqualTo("loom found no failing interleaving.");
  }
}
