package dev.ratchet.rust.cargo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.TestOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModelSummaryTest {

  /** Reads the sources of the fixture crate the build_errors golden was recorded from. */
  private static final Function<String, Optional<String>> DIAG_SOURCES = file -> {
    try {
      return Optional.of(Golden.text("fixtures/diag/" + file));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  };

  private static List<Diagnostic> diagnostics() {
    return CargoMessages.parse(Golden.text("build_errors/stdout.jsonl"), "/work").diagnostics();
  }

  private static List<TestOutcome> tests() {
    return TestAccounting.account(Golden.text("test_exit/list.txt"),
        Golden.text("test_exit/run.txt"), Set.of("custom")).tests();
  }

  @Test
  void render_putsErrorsFirst_thenFailingTests_thenWarnings() {
    String summary = ModelSummary.render(diagnostics(), tests(), 100_000);

    assertThat(summary.lines().filter(l -> !l.startsWith(" ")).toList()).containsExactly(
        "error[E0382] src/lib.rs:8:9: borrow of moved value: `v`",
        "error[E0308] src/lib.rs:13:12: mismatched types",
        "FAILED acct::tests::subtracts_badly",
        "FAILED custom [harness = false]",
        "FAILED it::it_exits",
        "FAILED it::it_fails",
        "FAILED it::it_passes",
        "FAILED src/lib.rs - sub (line 12)",
        "warning[unused_variables] src/lib.rs:17:9: unused variable: `x`",
        "warning[unused_variables] /deps/outside/src/lib.rs:2:9: unused variable: `unused`");
    assertThat(summary).doesNotContain("acct::tests::adds").doesNotContain("slow_one");
  }

  @Test
  void render_showsSourceAroundTheLine_andTheFix_whenAReaderIsGiven() {
    String summary = ModelSummary.render(diagnostics(), List.of(), 100_000, DIAG_SOURCES);

    assertThat(summary).startsWith("error[E0382] src/lib.rs:8:9: borrow of moved value: `v`\n"
        + "     6 |     let v = vec![1, 2, 3];\n"
        + "     7 |     let n = consume(v);\n"
        + "  >  8 |     n + v.len()\n"
        + "     9 | }\n"
        + "    10 |\n"
        + "  fix: insert `.clone()` at 7:22\n"
        + "error[E0308] src/lib.rs:13:12: mismatched types\n");
    assertThat(summary).endsWith("warning[unused_variables] /deps/outside/src/lib.rs:2:9:"
        + " unused variable: `unused`\n  fix: replace 2:9-2:15 with `_unused`");
  }

  @Test
  void render_showsTheFailureMessage_withoutBlankLines() {
    String summary = ModelSummary.render(List.of(), tests(), 100_000);

    assertThat(summary).startsWith("FAILED acct::tests::subtracts_badly\n"
        + "  thread 'tests::subtracts_badly' (19509) panicked at src/lib.rs:30:9:\n"
        + "  assertion `left == right` failed: sub is off\n"
        + "    left: 1\n"
        + "   right: 2\n"
        + "FAILED custom [harness = false]\n");
    assertThat(summary).contains("FAILED src/lib.rs - sub (line 12)\n"
        + "  Test executable failed (exit status: 101).\n  stderr:\n");
  }

  @Test
  void render_neverExceedsTheBudget_andAccountsForEveryEntry() {
    List<Diagnostic> diagnostics = diagnostics();
    List<TestOutcome> tests = tests();
    int full = ModelSummary.render(diagnostics, tests, 100_000, DIAG_SOURCES).length();

    for (int budget = 0; budget <= full + 10; budget++) {
      String summary = ModelSummary.render(diagnostics, tests, budget, DIAG_SOURCES);
      assertThat(summary.length()).as("budget %d", budget).isLessThanOrEqualTo(budget);
      if (budget >= 70) {
        long shown = summary.lines()
            .filter(l -> !l.startsWith(" ") && !l.startsWith("... and ")).count();
        int leftOut = summary.lines().filter(l -> l.startsWith("... and "))
            .flatMap(l -> Pattern.compile("(\\d+) more").matcher(l).results())
            .mapToInt(m -> Integer.parseInt(m.group(1))).sum();
        assertThat(shown + leftOut).as("budget %d:%n%s", budget, summary).isEqualTo(10);
        if (leftOut > 0) {
          assertThat(summary).as("budget %d", budget).endsWith(" not shown");
        }
      }
    }
  }

  @Test
  void render_fallsBackToTheFirstLine_thenStopsWithCounts() {
    String summary = ModelSummary.render(diagnostics(), tests(), 306, DIAG_SOURCES);
    String tighter = ModelSummary.render(diagnostics(), tests(), 305, DIAG_SOURCES);

    assertThat(tighter).endsWith("  fix: insert `.clone()` at 7:22\n"
        + "... and 1 more error, 6 more failing tests, 2 more warnings not shown");
    assertThat(summary).isEqualTo("error[E0382] src/lib.rs:8:9: borrow of moved value: `v`\n"
        + "     6 |     let v = vec![1, 2, 3];\n"
        + "     7 |     let n = consume(v);\n"
        + "  >  8 |     n + v.len()\n"
        + "     9 | }\n"
        + "    10 |\n"
        + "  fix: insert `.clone()` at 7:22\n"
        + "error[E0308] src/lib.rs:13:12: mismatched types\n"
        + "... and 6 more failing tests, 2 more warnings not shown");
  }

  @Test
  void render_countsEveryCategory_whenNothingFits() {
    assertThat(ModelSummary.render(diagnostics(), tests(), 70))
        .isEqualTo("... and 2 more errors, 6 more failing tests, 2 more warnings not shown");
  }

  @Test
  void render_isTheSame_forShuffledAndRepeatedInput() {
    List<Diagnostic> diagnostics = new ArrayList<>(diagnostics());
    List<TestOutcome> tests = new ArrayList<>(tests());
    String expected = ModelSummary.render(diagnostics, tests, 2000, DIAG_SOURCES);
    diagnostics.addAll(diagnostics());
    tests.addAll(tests());
    Collections.shuffle(diagnostics, new Random(7));
    Collections.shuffle(tests, new Random(7));

    assertThat(ModelSummary.render(diagnostics, tests, 2000, DIAG_SOURCES)).isEqualTo(expected);
  }

  @Test
  void render_isEmpty_whenNothingFailed() {
    TestOutcome passed = new TestOutcome("a::t", TestOutcome.Status.PASSED, "", Duration.ZERO);

    assertThat(ModelSummary.render(List.of(), List.of(passed), 1000)).isEmpty();
  }

  @Test
  void render_doesNotAskForFilesOutsideTheWorkspace() {
    List<String> asked = new ArrayList<>();

    ModelSummary.render(diagnostics(), List.of(), 100_000, file -> {
      asked.add(file);
      return Optional.empty();
    });

    assertThat(asked).containsOnly("src/lib.rs");
  }

  @Test
  void render_refusesANegativeBudget() {
    assertThatThrownBy(() -> ModelSummary.render(List.of(), List.of(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
