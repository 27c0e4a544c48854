package dev.ratchet.eval.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Git CLI helpers for the task-pack tests: repositories, commits, {@code git apply}. */
final class TaskFixtures {

  private TaskFixtures() {}

  /** Runs git in {@code dir}; fails with git's output when it exits non-zero. */
  static String git(Path dir, String... args) {
    try {
      Process p = new ProcessBuilder(Stream.concat(
          Stream.of("git", "-c", "user.name=test", "-c", "user.email=test@localhost"),
          Stream.of(args)).toList())
          .directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("git " + List.of(args) + " in " + dir + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Makes {@code dir} a git repository with everything in it committed on main. */
  static void commitAll(Path dir, String message) {
    if (!Files.isDirectory(dir.resolve(".git"))) {
      git(dir, "init", "-q", "-b", "main");
    }
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "--allow-empty", "-m", message);
  }

  /** Applies the task's gold patch to the crate in {@code crateDir} with {@code git apply}. */
  static void applyGold(TaskPack pack, String id, Path crateDir) {
    try {
      Path patch = Files.createTempFile("gold-", ".patch");
      try {
        Files.writeString(patch, pack.goldPatch(id));
        git(crateDir, "apply", "--whitespace=nowarn", patch.toString());
      } finally {
        Files.deleteIfExists(patch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
