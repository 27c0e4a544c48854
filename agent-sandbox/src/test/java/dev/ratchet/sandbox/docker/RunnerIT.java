package dev.ratchet.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Warm sessions send commands to the runner in the container instead of one docker exec each;
 * what a command could do to the runner, and what the session does about it.
 */
class RunnerIT {
  /**
   * How many processes named {@code sleep} exist, zombies included (they keep their name but lose
   * their command line); the container's idle process is one.
   */
  private static final String COUNT_SLEEPERS =
      "cat /proc/[0-9]*/comm 2>/dev/null | grep -c '^sleep$'";

  private DockerSandbox docker;
  private DockerSandbox.Session session;

  @BeforeEach
  void open() {
    docker = DockerTests.sandbox().build();
    session = docker.openSession(List.of(), Limits.defaults());
  }

  @AfterEach
  void close() {
    session.close();
    docker.close();
  }

  private ExecResult sh(String script) {
    return session.exec(ExecSpec.builder("/bin/sh", "-c", script)
        .env("PATH", "/usr/bin:/bin").build());
  }

  @Test
  void commandsInASession_runUnderTheRunner() {
    ExecResult r = sh("tr '\\0' ' ' < /proc/$PPID/cmdline");

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).startsWith(Runner.PATH);
  }

  @Test
  void aCommandCannotReachTheRunnersPipes_orMemory() {
    ExecResult r = sh("ls /proc/$PPID/fd; echo 'X' > /proc/$PPID/fd/1; cat /proc/$PPID/environ;"
        + " head -c 1 /proc/$PPID/mem; exit 0");

    assertThat(r.stderr()).contains("Permission denied");
    assertThat(r.stdout()).isEmpty();
    assertThat(sh("echo still here").stdout()).isEqualTo("still here\n");
  }

  @Test
  void aCommandThatKillsTheRunner_isReportedKilled_andTheNextCommandRuns() {
    ExecResult killer = sh("(sleep 300 &); kill -9 $PPID; sleep 5; echo never");

    assertThat(killer.exitCode()).isEqualTo(Container.KILLED);
    assertThat(killer.stdout()).doesNotContain("never");
    ExecResult next = sh(COUNT_SLEEPERS);
    assertThat(next.exitCode()).as(next.stderr()).isZero();
    assertThat(next.stdout().strip()).as("only the idle sleep").isEqualTo("1");
  }

  @Test
  void whatACommandLeavesRunning_isKilledBeforeTheNext_evenIfItHoldsTheOutput() {
    ExecResult first = sh("(sleep 300 &); echo started");
    ExecResult second = sh(COUNT_SLEEPERS);

    assertThat(first.stdout()).isEqualTo("started\n");
    assertThat(first.duration()).isLessThan(Duration.ofSeconds(5));
    assertThat(second.stdout().strip()).as("only the idle sleep").isEqualTo("1");
  }

  @Test
  void aSessionOutlivesTheThreadsThatUsedIt() throws Exception {
    // A session is shared by whatever threads use it (an evaluation's workers, a service's
    // request threads); a request stream tied to its writer's life would end with that thread.
    Thread first = new Thread(() -> sh("echo first"));
    first.start();
    first.join();
    Thread.sleep(3_500);

    ExecResult next = sh("echo next");

    assertThat(next.exitCode()).as(next.stderr()).isZero();
    assertThat(next.stdout()).isEqualTo("next\n");
  }

  @Test
  void theDeadline_isKeptByTheRunner_evenUnderAFloodOfOutput() {
    sh("true");
    String container = session.containerId();
    long start = System.nanoTime();
    ExecResult flood = session.exec(ExecSpec.builder("/bin/sh", "-c", "yes; echo never")
        .env("PATH", "/usr/bin:/bin")
        .limits(Limits.defaults().withTimeout(Duration.ofSeconds(1))).build());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(flood.timedOut()).isTrue();
    assertThat(flood.outputTruncated()).isTrue();
    assertThat(flood.stdout()).startsWith("y\n").doesNotContain("never");
    assertThat(sh("echo next").stdout()).isEqualTo("next\n");
    assertThat(session.containerId()).as("the container stays warm").isEqualTo(container);
  }

  @Test
  void aCommandThatStopsTheRunner_losesTheContainer_shortlyAfterItsDeadline() {
    sh("true");
    String container = session.containerId();
    long start = System.nanoTime();
    ExecResult stopper = session.exec(ExecSpec.builder("/bin/sh", "-c",
            "kill -STOP $PPID; sleep 1000").env("PATH", "/usr/bin:/bin")
        .limits(Limits.defaults().withTimeout(Duration.ofSeconds(1))).build());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(stopper.timedOut()).isTrue();
    assertThat(elapsed).isBetween(Duration.ofMillis(Runner.GRACE_MILLIS),
        Duration.ofMillis(Runner.GRACE_MILLIS + 4_000));
    assertThat(sh("echo next").stdout()).isEqualTo("next\n");
    assertThat(session.containerId()).as("a new container").isNotEqualTo(container);
  }

  @Test
  void exitCodes_missingPrograms_andWorkdirs_areReportedAsDockerExecDoes() {
    assertThat(sh("exit 7").exitCode()).isEqualTo(7);
    assertThat(sh("kill -TERM $$").exitCode()).isEqualTo(128 + 15);
    ExecResult missing = session.exec(ExecSpec.builder("no-such-program").build());
    assertThat(missing.exitCode()).isEqualTo(127);
    assertThat(missing.stderr()).contains("no-such-program");
    ExecResult pwd = session.exec(ExecSpec.builder("/bin/pwd").workdir("/usr").build());
    assertThat(pwd.stdout()).isEqualTo("/usr\n");
  }
}
