package dev.ratchet.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With a remote daemon the host's cgroup files are out of reach, and a trusted command inside the
 * container reads the counters instead. Forced here on the local daemon.
 */
class RemoteCountersIT {

  private static final Limits SMALL = new Limits(Duration.ofSeconds(30), 64L << 20, 64, 1.0,
      64 * 1024);

  @Test
  void limits_areReported_whenCountersAreReadInsideTheContainer() {
    try (DockerSandbox docker = DockerTests.sandbox().hostCgroups(false).build();
        DockerSandbox.Session session = docker.openSession(List.of(), SMALL)) {
      ExecResult bomb = session.exec(sh("f() { f | f & }; f; sleep 2"));
      ExecResult oom = session.exec(sh("perl -e \"my @a; push @a, 'x' x 1000000 while 1\"; true"));
      session.exec(sh("(sleep 1000 &); true"));
      ExecResult after = session.exec(sh("cat /proc/[0-9]*/comm | grep -c sleep; true"));

      assertThat(bomb.limitsHit()).as(bomb.describe()).contains(ExecResult.Limit.PIDS);
      assertThat(oom.exitCode()).isZero();
      assertThat(oom.limitsHit()).as(oom.describe()).containsExactly(ExecResult.Limit.MEMORY);
      assertThat(after.stdout().strip()).as("leftovers were killed; the idle sleep stays")
          .isEqualTo("1");
    }
  }

  private static ExecSpec sh(String script) {
    return ExecSpec.builder("/bin/sh", "-c", script).limits(SMALL).build();
  }
}
