package dev.ratchet.examples;


import dev.ratchet.rust.RustImage;
import dev.ratchet.testkit.Required;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the examples' tests share: a crate copied into a fresh git repository; Docker or skip. */
final class ExampleRepos {
  private ExampleRepos() {}

  /** {@code examples/tasks/NAME/crate} committed on main in {@code dir/NAME}. */
  static Path crate(String name, Path dir) {
    Path source = Path.of("tasks", name, "crate");
    Path repo = dir.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path rel = source.relativize(p);
        if (rel.startsWith("target")) {
          continue;
        }
        Path to = repo.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-q", "-m",
        "start");
    return repo;
  }

  /** Runs git in {@code repo}; returns its output, failing on a non-zero exit. */
  static String git(Path repo, String... args) {
    List<String> argv = new ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(argv).directory(repo.toFile()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
