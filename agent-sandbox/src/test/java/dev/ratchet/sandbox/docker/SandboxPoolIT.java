package dev.ratchet.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.sandbox.SandboxUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool over two addresses of the local daemon (a forwarding socket makes the second): work
 * spreads evenly, and a host that goes away is left out while the other carries on.
 */
class SandboxPoolIT {
  private static final Path DAEMON = Path.of("/var/run/docker.sock");

  @TempDir Path tmp;

  @Test
  void sessionsSpreadOverTheHosts_andEachRunsCommands() {
    String image = DockerTests.image();
    try (UnixSocketForwarder second = new UnixSocketForwarder(tmp.resolve("d2.sock"), DAEMON);
        SandboxPool pool = SandboxPool.builder(image).host("unix://" + DAEMON)
            .host(second.dockerHost()).configure(b -> b.prestart(false)).build()) {
      List<Sandbox> sessions = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        sessions.add(pool.openSession(List.of(), Limits.defaults()));
      }
      for (Sandbox s : sessions) {
        ExecResult r = s.exec(ExecSpec.builder("echo", "hi").build());
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("hi\n");
      }
      sessions.forEach(Sandbox::close);

      assertThat(pool.sessionsOpened()).containsEntry("unix://" + DAEMON, 2)
          .containsEntry(second.dockerHost(), 2);
      assertThat(sessions).extracting(Sandbox::name).filteredOn(n -> n.endsWith("d2.sock"))
          .hasSize(2);
      assertThat(second.connections()).isPositive();
    }
  }

  @Test
  void aHostThatGoesAway_isLeftOut_andTheOtherCarriesOn() {
    String image = DockerTests.image();
    UnixSocketForwarder second = new UnixSocketForwarder(tmp.resolve("d2.sock"), DAEMON);
    try (SandboxPool pool = SandboxPool.builder(image).host(second.dockerHost())
        .host("unix://" + DAEMON).configure(b -> b.prestart(false)).build()) {
      second.close();

      try (Sandbox s = pool.openSession(List.of(), Limits.defaults())) {
        assertThat(s.exec(ExecSpec.builder("true").build()).exitCode()).isZero();
        assertThat(s.name()).endsWith(DAEMON.toString());
      }
      assertThat(pool.down()).containsOnlyKeys(second.dockerHost());
    }
  }

  @Test
  void aPoolWithAHostThatDoesNotAnswer_isRefusedAtTheStart() {
    String image = DockerTests.image();
    assertThatThrownBy(() -> SandboxPool.builder(image).host("unix://" + DAEMON)
        .host("unix://" + tmp.resolve("nobody.sock")).build())
        .isInstanceOf(SandboxUnavailableException.class)
        .hasMessageContaining("nobody.sock");
  }
}
