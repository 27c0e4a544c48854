package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.sandbox.Approver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsoleApproverTest {
  static final List<String> CLEAN = List.of("cargo", "clean");
  final StringWriter out = new StringWriter();

  ConsoleApprover answering(String input) {
    return ConsoleApprover.of(new BufferedReader(new StringReader(input)), new PrintWriter(out));
  }

  @Test
  void approve_asksTheQuestion_andApprovesOnYes() {
    boolean approved = answering("y\n").approve(CLEAN, "it deletes the build cache");

    assertThat(approved).isTrue();
    assertThat(out).hasToString("Run cargo clean? it deletes the build cache [y/N] ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Y\n", " yes \n", "YES\n"})
  void approve_approves_onYesInAnyCase(String input) {
    assertThat(answering(input).approve(CLEAN, "why")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "n\n", "no\n", "sure\n", "yy\n", "", "y es\n"})
  void approve_declines_onAnythingElse_orEndOfInput(String input) {
    assertThat(answering(input).approve(CLEAN, "why")).isFalse();
  }

  @Test
  void approve_readsOneLinePerQuestion() {
    ConsoleApprover approver = answering("n\ny\n");

    assertThat(approver.approve(CLEAN, "first")).isFalse();
    assertThat(approver.approve(CLEAN, "second")).isTrue();
    assertThat(out.toString()).contains("? first [y/N] ", "? second [y/N] ");
  }

  @Test
  void approve_declines_whenReadingFails() {
    Reader broken = new Reader() {
      @Override
      public int read(char[] buf, int off, int len) throws IOException {
        throw new IOException("terminal gone");
      }

      @Override
      public void close() {}
    };
    ConsoleApprover approver =
        ConsoleApprover.of(new BufferedReader(broken), new PrintWriter(out));

    assertThat(approver.approve(CLEAN, "why")).isFalse();
  }

  @Test
  void forConsole_declinesAndSaysSo_whenThereIsNoConsole() {
    StringWriter err = new StringWriter();
    Approver approver = ConsoleApprover.forConsole(null, new PrintWriter(err));

    assertThat(approver.approve(CLEAN, "it deletes the build cache")).isFalse();
    assertThat(err.toString()).contains("cargo clean needs approval",
        "no console to ask; declined");
  }

  @Test
  void approve_escapesControlAndInvisibleCharacters_inTheQuestion() {
    List<String> sneaky = List.of("cargo", "clean\u001b[2K\rcargo test", "a b", "it's",
        "x\u202Ey");

    answering("n\n").approve(sneaky, "reason\nwith newline\u200B");

    assertThat(out.toString())
        .isEqualTo("Run cargo 'clean\\u{001B}[2K\\u{000D}cargo test' 'a b' 'it\\'s'"
            + " 'x\\u{202E}y'? reason\\u{000A}with newline\\u{200B} [y/N] ")
        .doesNotContain("\u001b", "\r", "\u202E", "\u200B");
  }
}
