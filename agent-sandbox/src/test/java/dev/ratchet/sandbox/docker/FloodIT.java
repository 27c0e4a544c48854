package dev.ratchet.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 400 MB of output through a JVM with a 48 MiB heap: the cap holds memory, not only results. */
class FloodIT {

  @Test
  void flood_passesThroughASmallHeap_becauseOutputIsCappedWhileItStreams() throws Exception {
    String image = DockerTests.image();
    Process child = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx48m", "-cp", System.getProperty("java.class.path"),
            FloodDriver.class.getName(), image))
        .redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(child.exitValue()).as(out).isZero();
    assertThat(out).doesNotContain("OutOfMemoryError").contains("max heap");
    assertThat(out.lines().filter(l -> l.startsWith("dropped ")).toList())
        .hasSize(2)
        .allSatisfy(l -> assertThat(Long.parseLong(l.split(" ")[1])).isGreaterThan(197_000_000L));
  }
}
