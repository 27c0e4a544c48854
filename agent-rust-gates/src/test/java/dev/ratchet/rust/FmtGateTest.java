package dev.ratchet.rust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.gate.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rustfmt's check output, as cargo fmt --check -- --color never prints it (rustc 1.95). */
class FmtGateTest {

  private static final String OUTPUT = """
      Diff in /workspace/src/lib.rs:1:
      -pub fn f()->String{itoa::Buffer::new().format(2).to_string()}
      +pub fn f() -> String {
      +    itoa::Buffer::new().format(2).to_string()
      +}
      \s
      Diff in /workspace/src/main.rs at line 3:
      -fn  g( ) {}
      +fn g() {}
      """;

  @Test
  void differingFiles_givesOneDiagnosticPerBlock_withTheBlockAsRendering() {
    List<Diagnostic> found = FmtGate.differingFiles(OUTPUT);

    assertThat(found).extracting(Diagnostic::location)
        .containsExactly("src/lib.rs:1", "src/main.rs:3");
    assertThat(found.get(0).rendered()).startsWith("Diff in /workspace/src/lib.rs:1:")
        .endsWith("+}").doesNotContain("main.rs");
    assertThat(found.get(1).rendered()).isEqualTo(
        "Diff in /workspace/src/main.rs at line 3:\n-fn  g( ) {}\n+fn g() {}");
  }
}
