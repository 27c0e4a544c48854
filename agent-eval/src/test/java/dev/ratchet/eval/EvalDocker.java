package dev.ratchet.eval;


import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustImage;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.testkit.Required;
import java.nio.file.Path;

/**
 * What the harness's Docker tests share: a sandbox on the Rust image (built if missing), which
 * CI requires (`.ci/run` starts a daemon) and elsewhere skips the test when absent; and a cargo
 * environment whose caches live in the system temporary directory, so reruns build incrementally.
 */
public final class EvalDocker {

  private EvalDocker() {}

  /** A sandbox; fails the test under CI without Docker, skips it elsewhere. */
  public static DockerSandbox sandbox() {
    try {
      return DockerSandbox.builder(RustImage.ensure(line -> System.err.println("[image] "
          + line))).build();
    } catch (RuntimeException e) {
      throw Required.missing(Required.DOCKER, e.getMessage());
    }
  }

  /** A cargo environment caching under {@code java.io.tmpdir/cacheName}. */
  public static CargoEnvironment environment(String cacheName) {
    return CargoEnvironment.builder()
        .cacheDir(Path.of(System.getProperty("java.io.tmpdir"), cacheName)).build();
  }
}
