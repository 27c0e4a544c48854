package dev.ratchet.rust;

import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.testkit.GitRepos;
import dev.ratchet.testkit.Required;
import java.nio.file.Path;

/**
 * The Rust gate tests' shared world: fixture crates (test resources under {@code crates/}) copied
 * into git repositories, one cargo environment whose caches live across test runs (so loom and
 * criterion are fetched and compiled once per machine), and one Docker sandbox. Without Docker the
 * tests are skipped, except under CI, where they fail.
 */
final class GateFixtures {

  private static CargoEnvironment environment;
  private static DockerSandbox docker;
  private static String unavailable;

  private GateFixtures() {}

  /** The shared environment (caches under the system temporary directory). */
  static synchronized CargoEnvironment environment() {
    if (environment == null) {
      environment = CargoEnvironment.builder()
          .cacheDir(Path.of(System.getProperty("java.io.tmpdir"), "ratchet-gates-it-cache"))
          .build();
    }
    return environment;
  }

  /** The shared sandbox; skips the test (fails it under CI) when Docker is unavailable. */
  static synchronized DockerSandbox docker() {
    if (docker == null && unavailable == null) {
      try {
        docker = DockerSandbox.builder(RustImage.ensure(line -> System.err.println("[image] "
            + line))).build();
        Runtime.getRuntime().addShutdownHook(new Thread(docker::close));
      } catch (RuntimeException e) {
        unavailable = e.getMessage();
      }
    }
    if (unavailable != null) {
      throw Required.missing(Required.DOCKER, unavailable);
    }
    return docker;
  }

  /** A git repository in {@code dir} holding the fixture crate, committed on main. */
  static Path repo(String fixture, Path dir) {
    return GitRepos.copyOf(Path.of("src/test/resources/crates", fixture), dir.resolve(fixture),
        "base");
  }

  /** A loop workspace over the fixture. */
  static GitWorkspace workspace(String fixture, Path dir) {
    return GitWorkspace.builder(repo(fixture, dir)).open();
  }

  /** Runs a gate on the workspace's head. */
  static GateResult judge(Gate gate, GitWorkspace workspace) {
    return gate.run(new GateContext(workspace, docker(), 1));
  }

}
