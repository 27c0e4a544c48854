package dev.ratchet.sandbox.docker;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

/**
 * What the Docker tests share: a daemon (required under CI, where {@code .ci/run} starts one;
 * elsewhere a missing daemon skips the tests with a message) and the Debian image, built once per
 * daemon and then found by its content label.
 */
final class DockerTests {

  private static String image;
  private static String unavailable;

  private DockerTests() {}

  /** The sandbox image, built on first use; skips (or fails under CI) without a daemon. */
  static synchronized String image() {
    if (image == null && unavailable == null) {
      try (ImageBuilder builder = ImageBuilder.connect(line -> System.err.println("[image] " + line))) {
        image = builder.ensure(DebianRootfs.gcc());
      } catch (RuntimeException e) {
        unavailable = e.getMessage();
      }
    }
    if (unavailable != null) {
      if (System.getenv("CI") != null) {
        fail("CI needs a Docker daemon (scripts/docker-up starts one): " + unavailable);
      }
      assumeTrue(false, "no Docker sandbox here, skipping: " + unavailable);
    }
    return image;
  }

  /** A sandbox on the test image with default settings. */
  static DockerSandbox.Builder sandbox() {
    return DockerSandbox.builder(image()).connectTimeout(Duration.ofSeconds(5));
  }
}
