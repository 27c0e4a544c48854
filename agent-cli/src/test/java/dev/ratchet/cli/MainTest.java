package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Help.Ansi;

class MainTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"apply", "replay", "run", "gates", "eval", "rank", "models",
      "models show", "models probe", "image build", "sandbox doctor", "screenshot"})
  void help_showsExampleAndExitCodes_forEachCommand(String command) {
    CliRun run = CliRun.of((command + " --help").split(" "));

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Example").contains("ratchet " + command)
        .contains("Exit codes");
  }

  @Test
  void help_listsCommands() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("apply").contains("replay").contains("Example");
  }

  @Test
  void version_namesRatchet() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("ratchet ");
  }

  @Test
  void run_exits2_whenNoCommandIsGiven() {
    CliRun run = CliRun.of();

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("ratchet apply").contains("ratchet --help");
  }

  @Test
  void run_exits2_andSuggests_whenCommandIsMisspelled() {
    CliRun run = CliRun.of("aply");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Did you mean").contains("ratchet apply");
  }

  @Test
  void ansi_isOff_whenNoColorIsSet() {
    assertThat(Io.ansi(Map.of("NO_COLOR", "1"))).isEqualTo(Ansi.OFF);
    assertThat(Io.ansi(Map.of("NO_COLOR", ""))).isEqualTo(Ansi.AUTO);
    assertThat(Io.ansi(Map.of())).isEqualTo(Ansi.AUTO);
  }

  @Test
  void error_isOneSentenceWithoutStackTrace_unlessDebugIsSet() throws Exception {
    Path repo = TestRepo.git(dir.resolve("repo"), Map.of("a.txt", "a\n"));
    Path transcript = Files.writeString(dir.resolve("run.jsonl"), "not json\n{}\n");

    CliRun plain = CliRun.of("replay", transcript.toString(), "--repo", repo.toString());
    CliRun debugAfter = CliRun.of("replay", "--debug", transcript.toString(), "--repo",
        repo.toString());
    CliRun debugBefore = CliRun.of("--debug", "replay", transcript.toString(), "--repo",
        repo.toString());

    assertThat(plain.exit()).isEqualTo(4);
    assertThat(plain.err()).startsWith("ratchet: ").contains("is not a Ratchet event")
        .hasLineCount(1);
    assertThat(debugAfter.exit()).isEqualTo(4);
    assertThat(debugAfter.err()).contains("RatchetException").contains("\tat ");
    assertThat(debugBefore.err()).contains("\tat ");
  }
}
