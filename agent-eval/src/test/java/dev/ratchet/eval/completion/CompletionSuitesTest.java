package dev.ratchet.eval.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionSuitesTest {

  private static final Path DATA = Path.of("src/test/resources/completion");

  @TempDir Path tmp;

  @Test
  void multiplE_loadsRows_andAssemblesProgramsAsTheReferenceDoes() {
    List<CompletionProblem> problems = CompletionSuites.multiplE("humaneval-rs",
        DATA.resolve("humaneval-rs.jsonl"));
    CompletionProblem add = problems.get(0);

    assertThat(problems).hasSize(4);
    assertThat(add.name()).isEqualTo("HumanEval_1_add");
    assertThat(add.cut("\n    x + y\n}\n\nfn more() {}\n")).isEqualTo("\n    x + y");
    assertThat(add.program("\n    x + y\n}\n")).isEqualTo(add.prompt() + "\n    x + y\n"
        + add.tests());
    assertThat(add.program("\n    x + y\n}\n")).startsWith("/// Add two numbers x and y\n"
        + "fn add(x: isize, y: isize) -> isize {\n\n    x + y\n}\n\nfn main() {");
  }

  @Test
  void humanEvalX_loadsRows_withTheirReferenceSolutions() {
    List<CompletionProblem> problems = CompletionSuites.humanEvalX(
        DATA.resolve("humaneval-x-rs.jsonl"));

    assertThat(problems).extracting(CompletionProblem::name).containsExactly("Rust/0",
        "Rust/162");
    CompletionProblem first = problems.get(0);
    assertThat(first.solution()).isPresent();
    assertThat(first.program(first.solution().get())).startsWith("fn main(){}\n")
        .contains("fn has_close_elements", "mod tests");
  }

  @Test
  void loaders_nameTheRowAndField_whenDataIsWrong() throws Exception {
    Path bad = tmp.resolve("bad.jsonl");
    Files.writeString(bad, "{\"name\": \"x\", \"prompt\": \"p\"}\n");

    assertThatThrownBy(() -> CompletionSuites.multiplE("humaneval-rs", bad))
        .hasMessageContaining("row 1").hasMessageContaining("'tests'");
  }

  @Test
  void completionFiles_readJsonLinesAndMultiplEDirectories() throws Exception {
    Map<String, List<String>> lines = CompletionFiles.read(DATA.resolve("completions.jsonl"));
    Path dir = Files.createDirectories(tmp.resolve("completions"));
    Files.writeString(dir.resolve("HumanEval_1_add.json"), "{\"name\": \"HumanEval_1_add\","
        + " \"completions\": [\"a\", \"b\"]}");
    Files.writeString(dir.resolve("HumanEval_1_add.results.json"), "{\"name\": \"other\"}");

    assertThat(lines).containsKeys("HumanEval_1_add", "HumanEval_4_spin");
    assertThat(CompletionFiles.read(dir)).containsExactly(
        Map.entry("HumanEval_1_add", List.of("a", "b")));
  }

  @Test
  void unfence_takesTheCodeOutOfAFencedReply() {
    assertThat(Completer.unfence("Sure:\n```rust\n    x + y\n}\n```\nDone.")).isEqualTo(
        "    x + y\n}\n");
    assertThat(Completer.unfence("    x + y\n}")).isEqualTo("    x + y\n}");
  }
}
