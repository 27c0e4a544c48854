package dev.ratchet.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.Suggestion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionEditsTest {

  private static final String LIB = "fn f() -> u8 {\n    return 1;\n}\nfn g(s: &str) -> bool { s.len() == 0 }\n";

  private static Suggestion at(int line, int from, int to, String replacement,
      Suggestion.Applicability applicability) {
    return new Suggestion("src/lib.rs", line, from, line, to, replacement, applicability);
  }

  private static Diagnostic lint(String code, int line, Suggestion... fixes) {
    return new Diagnostic(Diagnostic.Level.WARNING, code, code, "src/lib.rs", line, 1, "",
        List.of(fixes));
  }

  private static final Diagnostic NEEDLESS_RETURN = lint("clippy::needless_return", 2,
      at(2, 5, 14, "1", Suggestion.Applicability.MACHINE_APPLICABLE));
  private static final Diagnostic LEN_ZERO = lint("clippy::len_zero", 4,
      at(4, 25, 37, "s.is_empty()", Suggestion.Applicability.MACHINE_APPLICABLE));
  private static final Diagnostic MAYBE = lint("maybe", 4,
      at(4, 1, 3, "pub fn", Suggestion.Applicability.MAYBE_INCORRECT));

  @Test
  void applicable_keepsOnlyFullyMachineApplicable_deduplicated_inFileOrder() {
    List<Diagnostic> out = SuggestionEdits.applicable(List.of(LEN_ZERO, MAYBE, NEEDLESS_RETURN,
        LEN_ZERO));

    assertThat(out).containsExactly(NEEDLESS_RETURN, LEN_ZERO);
  }

  @Test
  void apply_rewritesEachSpan_fromTheEndSoOffsetsHold() {
    SuggestionEdits.Plan plan = SuggestionEdits.apply(List.of(NEEDLESS_RETURN, LEN_ZERO), 10,
        path -> Optional.of(LIB));

    assertThat(plan.chosen()).containsExactly(NEEDLESS_RETURN, LEN_ZERO);
    assertThat(plan.files()).isEqualTo(Map.of("src/lib.rs",
        "fn f() -> u8 {\n    1\n}\nfn g(s: &str) -> bool { s.is_empty() }\n"));
  }

  @Test
  void apply_takesAtMostMax_andSkipsOverlappingDiagnostics() {
    Diagnostic overlapping = lint("other", 2,
        at(2, 10, 14, "2;", Suggestion.Applicability.MACHINE_APPLICABLE));

    SuggestionEdits.Plan one = SuggestionEdits.apply(List.of(NEEDLESS_RETURN, LEN_ZERO), 1,
        path -> Optional.of(LIB));
    SuggestionEdits.Plan clash = SuggestionEdits.apply(List.of(NEEDLESS_RETURN, overlapping), 10,
        path -> Optional.of(LIB));

    assertThat(one.chosen()).containsExactly(NEEDLESS_RETURN);
    assertThat(clash.chosen()).containsExactly(NEEDLESS_RETURN);
  }

  @Test
  void applyToText_countsColumnsInCharacters_notUtf16Units() {
    String text = "let s = \"\uD83E\uDD80\"; let x = 1;\n"; // a crab emoji: one char, two units
    Suggestion rename = new Suggestion("a.rs", 1, 18, 1, 19, "_x",
        Suggestion.Applicability.MACHINE_APPLICABLE);

    assertThat(SuggestionEdits.applyToText(text, List.of(rename)))
        .isEqualTo("let s = \"\uD83E\uDD80\"; let _x = 1;\n");
  }

  @Test
  void applyToText_refusesASpanPastTheFile_sayingTheFileChanged() {
    assertThatThrownBy(() -> SuggestionEdits.applyToText("one line\n",
            List.of(at(5, 1, 2, "x", Suggestion.Applicability.MACHINE_APPLICABLE))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("changed since the compiler read it");
  }
}
