package dev.ratchet.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM killed with SIGKILL leaves its container; the next Ratchet process removes it. */
class ReaperIT {

  @Test
  void reap_removesTheContainersOfAKilledJvm_andNothingElse() throws Exception {
    String image = DockerTests.image();
    Process child = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            ReaperDriver.class.getName(), image))
        .redirectErrorStream(true).start();
    String id = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("container ")) {
          id = line.substring("container ".length()).strip();
          break;
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(id).as("the driver printed its container").isNotBlank();

    try (DockerSandbox survivor = DockerTests.sandbox().reapOnStart(false).build()) {
      var client = survivor.engine().client();
      String unlabelled = client.createContainerCmd(image).withCmd("true").exec().getId();
      try {
        assertThat(client.inspectContainerCmd(id).exec().getState().getRunning())
            .as("the killed JVM's container outlived it").isTrue();

        int reaped = survivor.reap();

        assertThat(reaped).isGreaterThanOrEqualTo(1);
        String gone = id;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> client.inspectContainerCmd(gone).exec())
            .isInstanceOf(NotFoundException.class);
        assertThat(client.inspectContainerCmd(unlabelled).exec().getId())
            .as("a container Ratchet did not make is never touched").isEqualTo(unlabelled);
      } finally {
        client.removeContainerCmd(unlabelled).withForce(true).exec();
      }
    }
  }
}
