package dev.ratchet.eval.tasks;

import dev.ratchet.testkit.GitRepos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers for the task-pack tests: the gold patch applied with {@code git apply}. */
final class TaskFixtures {

  private TaskFixtures() {}

  /** Applies the task's gold patch to the crate in {@code crateDir} with {@code git apply}. */
  static void applyGold(TaskPack pack, String id, Path crateDir) {
    try {
      Path patch = Files.createTempFile("gold-", ".patch");
      try {
        Files.writeString(patch, pack.goldPatch(id));
        GitRepos.git(crateDir, "apply", "--whitespace=nowarn", patch.toString());
      } finally {
        Files.deleteIfExists(patch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
