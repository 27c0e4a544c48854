package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ratchet eval} refuses before it needs Docker. */
class EvalCommandTest {
  @TempDir Path tmp;

  @Test
  void dataInTheWrongFormat_isAnEnvironmentError_notABug() throws Exception {
    Path data = Files.writeString(tmp.resolve("bad.jsonl"), "{\"name\": \"x\"}\n");

    CliRun run = CliRun.of("eval", "--suite", "humaneval-x-rs", "--data", data.toString(),
        "--model", "gold", "--results", tmp.resolve("r.jsonl").toString());

    assertThat(run.exit()).as(run.err()).isEqualTo(Exit.ENVIRONMENT);
    assertThat(run.err()).contains("is not a humaneval-x-rs data set", "check --suite and --data")
        .doesNotContain("internal error");
  }

  @Test
  void severalDockerHosts_areForCompletionSuitesOnly() {
    CliRun run = CliRun.of("eval", "--suite", "tasks", "--model", "gold", "--docker-host",
        "unix:///a.sock,unix:///b.sock", "--results", tmp.resolve("r.jsonl").toString());

    assertThat(run.exit()).isEqualTo(Exit.USAGE);
    assertThat(run.err()).contains("give --docker-host once");
  }
}
