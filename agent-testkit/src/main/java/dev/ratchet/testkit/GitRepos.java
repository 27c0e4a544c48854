package dev.ratchet.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Git repositories for tests, made with the {@code git} command line as a user would make them:
 * fixture trees copied and committed on {@code main}, with a fixed test identity.
 */
public final class GitRepos {

  private GitRepos() {}

  /**
   * Runs {@code git ARGS} in {@code dir} as the test identity; returns its output (stderr merged).
   *
   * @throws IllegalStateException with git's output when it exits non-zero or takes a minute
   */
  public static String git(Path dir, String... args) {
    List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=test", "-c",
        "user.email=test@localhost", "-c", "commit.gpgsign=false"));
    argv.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " in " + dir
            + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run git in " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while git ran in " + dir, e);
    }
  }

  /**
   * Commits everything in {@code dir} (an empty commit when nothing changed), making it a
   * repository on {@code main} first when it is not one; returns {@code dir}.
   */
  public static Path commitAll(Path dir, String message) {
    if (!Files.exists(dir.resolve(".git"))) {
      git(dir, "init", "-q", "-b", "main");
    }
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "--allow-empty", "-m", message);
    return dir;
  }

  /**
   * Copies the tree at {@code source} (without any {@code target} directory at its top) to a new
   * repository at {@code repo} and commits it on {@code main}; returns {@code repo}.
   */
  public static Path copyOf(Path source, Path repo, String message) {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path relative = source.relativize(p);
        if (relative.startsWith("target")) {
          continue;
        }
        Path to = repo.resolve(relative.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " to " + repo, e);
    }
    return commitAll(repo, message);
  }
}
