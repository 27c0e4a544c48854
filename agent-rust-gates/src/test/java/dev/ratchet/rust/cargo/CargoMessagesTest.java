package dev.ratchet.rust.cargo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.Suggestion;
import java.util.List;
import org.junit.jupiter.api.Test;

class CargoMessagesTest {

  private static final String ROOT = "/work";

  private static CargoBuild golden(String name) {
    return CargoMessages.parse(Golden.text(name + "/stdout.jsonl"), ROOT);
  }

  private static Diagnostic withCode(CargoBuild build, String code) {
    return build.diagnostics().stream().filter(d -> d.code().equals(code)).findFirst()
        .orElseThrow();
  }

  @Test
  void parse_keepsPrimarySpan_whenMessageHasChildren() {
    Diagnostic moved = withCode(golden("build_errors"), "E0382");

    assertThat(moved.level()).isEqualTo(Diagnostic.Level.ERROR);
    assertThat(moved.message()).isEqualTo("borrow of moved value: `v`");
    assertThat(moved.location()).isEqualTo("src/lib.rs:8:9");
    assertThat(moved.rendered()).startsWith("error[E0382]: borrow of moved value: `v`")
        .contains("value borrowed here after move");
  }

  @Test
  void parse_takesSuggestionsFromChildSpans() {
    CargoBuild build = golden("build_errors");

    assertThat(withCode(build, "E0382").suggestions()).containsExactly(new Suggestion(
        "src/lib.rs", 7, 22, 7, 22, ".clone()", Suggestion.Applicability.MACHINE_APPLICABLE));
    assertThat(build.diagnostics()).filteredOn(d -> d.message().equals("unused variable: `x`"))
        .singleElement().extracting(Diagnostic::suggestions).isEqualTo(List.of(new Suggestion(
            "src/lib.rs", 17, 9, 17, 10, "_x", Suggestion.Applicability.MACHINE_APPLICABLE)));
    assertThat(withCode(build, "E0308").suggestions()).isEmpty();
  }

  @Test
  void parse_keepsPathAndMarksOutside_whenSpanIsOutsideTheWorkspace() {
    CargoBuild build = golden("build_errors");

    Diagnostic outside = build.diagnostics().get(0);
    assertThat(outside.file()).isEqualTo("/deps/outside/src/lib.rs");
    assertThat(CargoMessages.isInWorkspace(outside)).isFalse();
    assertThat(build.inWorkspace()).doesNotContain(outside).hasSize(3)
        .allMatch(d -> d.file().equals("src/lib.rs"));
  }

  @Test
  void parse_dropsFailureNotes_andReportsTheFailedBuild() {
    CargoBuild build = golden("build_errors");

    assertThat(build.diagnostics()).extracting(Diagnostic::level).containsExactly(
        Diagnostic.Level.WARNING, Diagnostic.Level.ERROR, Diagnostic.Level.ERROR,
        Diagnostic.Level.WARNING);
    assertThat(build.finished()).isEqualTo(CargoBuild.Finished.FAILED);
    assertThat(build.success()).contains(false);
    assertThat(build.unreadableLines()).isZero();
  }

  @Test
  void parse_deduplicates_whenLibAndTestTargetsRepeatAMessage() {
    CargoBuild build = golden("clippy_denied");

    assertThat(build.diagnostics()).extracting(Diagnostic::code).containsExactly(
        "unused_variables", "clippy::needless_return", "clippy::ptr_arg",
        "clippy::let_and_return", "clippy::ptr_arg");
    assertThat(build.diagnostics()).allMatch(d -> d.level() == Diagnostic.Level.ERROR);
  }

  @Test
  void parse_keepsEveryPartOfOneSuggestion_withItsApplicability() {
    CargoBuild build = golden("clippy_denied");

    assertThat(withCode(build, "clippy::needless_return").suggestions()).containsExactly(
        new Suggestion("src/lib.rs", 2, 5, 2, 14, "42",
            Suggestion.Applicability.MACHINE_APPLICABLE),
        new Suggestion("src/lib.rs", 2, 14, 2, 15, "",
            Suggestion.Applicability.MACHINE_APPLICABLE));
    assertThat(withCode(build, "clippy::ptr_arg").suggestions())
        .extracting(Suggestion::replacement, Suggestion::applicability)
        .containsExactly(
            tuple("&str", Suggestion.Applicability.UNSPECIFIED),
            tuple("name.to_owned()",
                Suggestion.Applicability.UNSPECIFIED));
  }

  @Test
  void parse_reportsSuccess_whenOnlyWarnings() {
    CargoBuild build = golden("clippy_warnings");

    assertThat(build.success()).contains(true);
    assertThat(build.at(Diagnostic.Level.WARNING)).hasSize(5);
    assertThat(build.at(Diagnostic.Level.ERROR)).isEmpty();
  }

  @Test
  void parse_skipsAndCountsGarbage_andTrustsTheLastBuildFinished() {
    String forged = "{\"reason\":\"build-finished\",\"success\":true}\n";
    String stdout = "hello from a proc macro\n" + forged + "{not json\n[1,2]\n\n"
        + Golden.text("build_errors/stdout.jsonl") + "{\"no_reason\":1}\n";

    CargoBuild build = CargoMessages.parse(stdout, ROOT);

    assertThat(build.diagnostics()).hasSize(4);
    assertThat(build.unreadableLines()).isEqualTo(4);
    assertThat(build.success()).contains(false);
  }

  @Test
  void parse_reportsNotReported_whenCargoNeverFinished() {
    List<String> lines = Golden.text("clippy_warnings/stdout.jsonl").lines().toList();
    String cut = String.join("\n", lines.subList(0, lines.size() - 1));

    CargoBuild build = CargoMessages.parse(cut, ROOT);

    assertThat(build.finished()).isEqualTo(CargoBuild.Finished.NOT_REPORTED);
    assertThat(build.success()).isEmpty();
  }

  @Test
  void parse_dropsRustcSummaries_whenPrintedAsMessages() {
    String stdout = message("error", null, "aborting due to 2 previous errors", "[]", "[]")
        + "\n" + message("warning", null, "3 warnings emitted", "[]", "[]")
        + "\n" + message("error", null, "linking with `cc` failed: exit status: 1", "[]", "[]");

    CargoBuild build = CargoMessages.parse(stdout, ROOT);

    assertThat(build.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.message()).startsWith("linking with");
      assertThat(d.file()).isEmpty();
      assertThat(d.location()).isEmpty();
      assertThat(d.code()).isEmpty();
    });
  }

  @Test
  void parse_makesPathsRelative_whenPrintedUnderTheRootOrWithDotSlash() {
    String stdout = message("warning", "dead_code", "a", "[" + span("/work/src/a.rs", 3, true)
        + "]", "[]") + "\n" + message("warning", "dead_code", "b",
        "[" + span("./src/b.rs", 4, true) + "]", "[]") + "\n" + message("warning", "dead_code",
        "c", "[" + span("/workspace/src/c.rs", 5, true) + "]", "[]");

    CargoBuild build = CargoMessages.parse(stdout, "/work/");

    assertThat(build.diagnostics()).extracting(Diagnostic::file)
        .containsExactly("src/a.rs", "src/b.rs", "/workspace/src/c.rs");
  }

  @Test
  void parse_followsTheMacroCallSite_whenThePrimarySpanIsOutside() {
    String inMacro = "{\"file_name\":\"/rustc/abc/library/core/src/macros/mod.rs\","
        + "\"line_start\":40,\"line_end\":40,\"column_start\":1,\"column_end\":5,"
        + "\"is_primary\":true,\"suggested_replacement\":null,\"expansion\":{\"span\":"
        + span("src/main.rs", 12, false) + ",\"macro_decl_name\":\"assert_eq!\"}}";
    String stdout = message("error", "E0277", "can't compare", "[" + inMacro + "]", "[]");

    Diagnostic d = CargoMessages.parse(stdout, ROOT).diagnostics().get(0);

    assertThat(d.location()).isEqualTo("src/main.rs:12:5");
    assertThat(CargoMessages.isInWorkspace(d)).isTrue();
  }

  @Test
  void parse_keepsTheFirstSuggestionOnly_whenChildrenOfferAlternatives() {
    String first = "{\"level\":\"help\",\"message\":\"consider importing\",\"spans\":["
        + suggestion("src/lib.rs", 1, "use std::fmt::Write;\n") + ","
        + suggestion("src/lib.rs", 1, "use std::io::Write;\n") + "],\"children\":[]}";
    String second = "{\"level\":\"help\",\"message\":\"or\",\"spans\":["
        + suggestion("src/lib.rs", 9, "x") + "],\"children\":[]}";
    String stdout = message("error", "E0599", "no method named `write_str`",
        "[" + span("src/lib.rs", 9, true) + "]", "[" + first + "," + second + "]");

    Diagnostic d = CargoMessages.parse(stdout, ROOT).diagnostics().get(0);

    assertThat(d.suggestions()).singleElement()
        .extracting(Suggestion::replacement).isEqualTo("use std::fmt::Write;\n");
  }

  @Test
  void isInWorkspace_refusesAbsoluteParentAndEmptyPaths() {
    assertThat(List.of("src/lib.rs", "crates/a/src/lib.rs")).allMatch(CargoMessages::isLocalPath);
    assertThat(List.of("", "/rustc/x/lib.rs", "../other/src/lib.rs", "..", "<anon>",
        "C:\\x\\lib.rs")).noneMatch(CargoMessages::isLocalPath);
  }

  private static String message(String level, String code, String text, String spans,
      String children) {
    return "{\"reason\":\"compiler-message\",\"package_id\":\"x\",\"message\":{\"level\":\""
        + level + "\",\"code\":" + (code == null ? "null" : "{\"code\":\"" + code + "\"}")
        + ",\"message\":\"" + text + "\",\"spans\":" + spans + ",\"children\":" + children
        + ",\"rendered\":\"" + level + ": " + text + "\\n\"}}";
  }

  private static String span(String file, int line, boolean primary) {
    return "{\"file_name\":\"" + file + "\",\"line_start\":" + line + ",\"line_end\":" + line
        + ",\"column_start\":5,\"column_end\":9,\"is_primary\":" + primary
        + ",\"suggested_replacement\":null}";
  }

  private static String suggestion(String file, int line, String replacement) {
    return "{\"file_name\":\"" + file + "\",\"line_start\":" + line + ",\"line_end\":" + line
        + ",\"column_start\":1,\"column_end\":1,\"is_primary\":true,\"suggested_replacement\":\""
        + replacement.replace("\n", "\\n") + "\",\"suggestion_applicability\":\"MaybeIncorrect\"}";
  }
}
