package dev.ratchet.sandbox.docker;


import dev.ratchet.testkit.Required;
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
      throw Required.missing(Required.DOCKER, unavailable);
    }
    return image;
  }

  /** A sandbox on the test image with default settings. */
  static DockerSandbox.Builder sandbox() {
    return DockerSandbox.builder(image()).connectTimeout(Duration.ofSeconds(5));
  }
}
