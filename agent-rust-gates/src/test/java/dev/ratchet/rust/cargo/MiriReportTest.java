package dev.ratchet.rust.cargo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The UB fixtures are hand-crafted (see miri_crafted/README.md); the unavailable ones are real. */
class MiriReportTest {

  @Test
  void parse_reducesUndefinedBehaviorToKindLocationAndFrames() {
    MiriReport report = MiriReport.parse(Golden.text("miri_crafted/ub_out_of_bounds.txt"));

    assertThat(report.unavailable()).isFalse();
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(MiriReport.Kind.UNDEFINED_BEHAVIOR);
      assertThat(f.message()).isEqualTo("Undefined Behavior: memory access failed: alloc1043 has"
          + " size 16, so pointer to 4 bytes starting at offset 16 is out-of-bounds");
      assertThat(f.location()).isEqualTo("src/lib.rs:27:18");
      assertThat(f.test()).isEqualTo("tests::reads_after_wrap");
      assertThat(f.frames()).containsExactly("`Ring::pop` at src/lib.rs:27:18",
          "`tests::reads_after_wrap` at src/lib.rs:48:9", "closure at src/lib.rs:44:27");
    });
  }

  @Test
  void parse_readsADataRace_withTheCompactFrameForm() {
    MiriReport report = MiriReport.parse(Golden.text("miri_crafted/data_race.txt"));

    MiriReport.Finding race = report.findings().get(0);
    assertThat(race.message()).startsWith("Undefined Behavior: Data race detected between (1)");
    assertThat(race.location()).isEqualTo("tests/race.rs:14:30");
    assertThat(race.frames()).containsExactly("closure at tests/race.rs:14:30");
    assertThat(race.test()).isEqualTo("racy_counter");
  }

  @Test
  void parse_classifiesALeak_outsideATest() {
    MiriReport.Finding leak = MiriReport.parse(Golden.text("miri_crafted/leak.txt"))
        .findings().get(0);

    assertThat(leak.kind()).isEqualTo(MiriReport.Kind.MEMORY_LEAK);
    assertThat(leak.test()).isEmpty();
    assertThat(leak.location()).isEqualTo("src/main.rs:4:13");
    assertThat(leak.frames()).containsExactly("`main` at src/main.rs:4:13");
  }

  @Test
  void parse_keepsAtMostFiveFrames_andSeparatesFindings() {
    StringBuilder out = new StringBuilder("error: unsupported operation: can't call foreign"
        + " function `inotify_init` on OS `linux`\n  --> src/watch.rs:3:5\n");
    for (int i = 1; i <= 7; i++) {
      out.append("   = note: inside `f").append(i).append("` at src/watch.rs:").append(i)
          .append(":1: ").append(i).append(":9\n");
    }
    out.append("error: deadlock: the evaluated program deadlocked\n  --> src/lock.rs:9:1\n");

    MiriReport report = MiriReport.parse(out.toString());

    assertThat(report.findings()).extracting(MiriReport.Finding::kind)
        .containsExactly(MiriReport.Kind.UNSUPPORTED, MiriReport.Kind.DEADLOCK);
    assertThat(report.findings().get(0).frames()).hasSize(MiriReport.MAX_FRAMES)
        .startsWith("`f1` at src/watch.rs:1:1").endsWith("`f5` at src/watch.rs:5:1");
    assertThat(report.findings().get(1).location()).isEqualTo("src/lock.rs:9:1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"stable.txt", "nightly.txt", "no_such_command.txt"})
  void parse_flagsUnavailable_whenMiriIsNotInstalled(String file) {
    MiriReport report = MiriReport.parse(Golden.text("miri_unavailable/" + file));

    assertThat(report.unavailable()).isTrue();
    assertThat(report.unavailableReason()).startsWith("error: ");
    assertThat(report.findings()).isEmpty();
    assertThat(report.summary()).startsWith("Miri is not installed, so nothing was checked");
  }

  @Test
  void parse_findsNothing_inAnOrdinaryTestRun() {
    MiriReport report = MiriReport.parse(Golden.text("test_failures/run.txt"));

    assertThat(report.unavailable()).isFalse();
    assertThat(report.findings()).isEmpty();
    assertThat(report.summary()).isEqualTo("Miri reported no Undefined Behavior.");
  }

  @Test
  void summary_showsTestMessageLocationAndFrames() {
    String summary = MiriReport.parse(Golden.text("miri_crafted/ub_out_of_bounds.txt"))
        .summary();

    assertThat(summary).isEqualTo("test tests::reads_after_wrap: error: Undefined Behavior:"
        + " memory access failed: alloc1043 has size 16, so pointer to 4 bytes starting at"
        + " offset 16 is out-of-bounds\n  --> src/lib.rs:27:18\n"
        + "  inside `Ring::pop` at src/lib.rs:27:18\n"
        + "  inside `tests::reads_after_wrap` at src/lib.rs:48:9\n"
        + "  inside closure at src/lib.rs:44:27");
  }
}
