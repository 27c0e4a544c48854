package dev.ratchet.examples;

import dev.ratchet.rust.RustImage;
import dev.ratchet.testkit.GitRepos;
import dev.ratchet.testkit.Required;
import java.nio.file.Path;

/** What the examples' tests share: a crate copied into a fresh git repository; Docker or skip. */
final class ExampleRepos {
  private ExampleRepos() {}

  /** {@code examples/tasks/NAME/crate} committed on main in {@code dir/NAME}. */
  static Path crate(String name, Path dir) {
    return GitRepos.copyOf(Path.of("tasks", name, "crate"), dir.resolve(name), "start");
  }

  /** The Rust image, built if missing; fails the test under CI without Docker, else skips it. */
  static String requireDocker() {
    try {
      return RustImage.ensure(line -> System.err.println("[image] " + line));
    } catch (RuntimeException e) {
      throw Required.missing(Required.DOCKER, e.getMessage());
    }
  }
}
