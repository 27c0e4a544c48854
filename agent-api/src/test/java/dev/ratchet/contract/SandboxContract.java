package dev.ratchet.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Sandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Sandbox} keeps: exit codes and the two output streams come back apart,
 * the spec's environment is what the command sees, deadlines kill the command and its children,
 * output is capped (head and tail kept) while the command runs on, and bytes that are not UTF-8 do not break decoding.
 *
 * <p>Extend it in the sandbox's test (an {@code *IT} when it needs Docker) and supply a sandbox and
 * a way to run a POSIX shell script in it. The scripts use only shell built-ins and {@code sleep}.
 */
public abstract class SandboxContract {

  /** The output cap the truncation test sets, in bytes. */
  protected static final int CAP = 1024;

  private Sandbox sandbox;

  /** Returns a new sandbox; called once per test, and closed after it. */
  protected abstract Sandbox createSandbox();

  /** Returns the argument vector that runs a POSIX {@code sh} script in this sandbox. */
  protected abstract List<String> shell(String script);

  /**
   * Returns the environment every spec of the contract carries; by default a standard {@code PATH}
   * only, since a sandbox passes nothing else in.
   */
  protected Map<String, String> baseEnv() {
    return Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
  }

  /** Returns the limits every spec starts from: the defaults with a 60 s deadline. */
  protected Limits baseLimits() {
    return Limits.defaults().withTimeout(Duration.ofSeconds(60));
  }

  /** Returns a spec builder for a script, with {@link #baseEnv} and {@link #baseLimits}. */
  protected ExecSpec.Builder script(String script) {
    return ExecSpec.builder(shell(script)).env(baseEnv()).limits(baseLimits());
  }

  @BeforeEach
  void openSandbox() {
    sandbox = createSandbox();
  }

  @AfterEach
  void closeSandbox() {
    sandbox.close();
  }

  @Test
  void exec_separatesStreamsAndReportsExitCode_whenScriptWritesBoth() {
    ExecResult result = sandbox.exec(script("echo OUT; echo ERR >&2; exit 3").build());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout().strip()).isEqualTo("OUT");
    assertThat(result.stderr().strip()).isEqualTo("ERR");
    assertThat(result.timedOut()).isFalse();
    assertThat(result.outputTruncated()).isFalse();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.duration().isNegative()).as("duration %s", result.duration()).isFalse();
  }

  @Test
  void exec_showsVariable_whenSpecSetsIt() {
    ExecSpec spec =
        script("printf '%s' \"$RATCHET_CONTRACT_VAR\"")
            .env("RATCHET_CONTRACT_VAR", "seen-42")
            .build();

    ExecResult result = sandbox.exec(spec);

    assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();
    assertThat(result.stdout()).isEqualTo("seen-42");
  }

  @Test
  void exec_timesOutQuickly_whenCommandOutlivesDeadline() {
    ExecSpec spec =
        script("sleep 30; echo never")
            .limits(baseLimits().withTimeout(Duration.ofSeconds(1)))
            .build();

    long start = System.nanoTime();
    ExecResult result = sandbox.exec(spec);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.timedOut()).isTrue();
    assertThat(result.succeeded()).isFalse();
    assertThat(result.stdout()).doesNotContain("never");
    assertThat(elapsed)
        .as("the deadline kills the shell and its child sleep")
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void exec_truncatesOutputAndRunsOn_whenOutputExceedsCap() {
    String line = "0123456789012345678901234567890123456789012345678";
    ExecSpec spec =
        script(
                "i=0; while [ $i -lt 4000 ]; do echo "
                    + line
                    + "; i=$((i+1)); done; echo tail >&2")
            .limits(baseLimits().withOutputBytes(CAP))
            .build();

    ExecResult result = sandbox.exec(spec);

    assertThat(result.timedOut()).as("output past the cap is drained, not left to block").isFalse();
    assertThat(result.exitCode()).isZero();
    assertThat(result.outputTruncated()).isTrue();
    assertThat(result.stdout()).startsWith(line).endsWith(line + "\n");
    assertThat(result.droppedBytes()).isEqualTo(4000L * (line.length() + 1) - CAP);
    assertThat(result.stdout().getBytes(StandardCharsets.UTF_8).length)
        .as("at most the cap, plus a line that says how much was dropped")
        .isLessThanOrEqualTo(CAP + 64);
    assertThat(result.stderr().strip()).isEqualTo("tail");
  }

  @Test
  void exec_decodesWithReplacement_whenOutputIsNotUtf8() {
    ExecResult result = sandbox.exec(script("printf 'a\\377\\376b'").build());

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).startsWith("a").endsWith("b").contains("\uFFFD");
  }
}
