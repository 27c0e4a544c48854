package dev.ratchet.workspace;

import dev.ratchet.action.Edit;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A git working tree the loop owns.
 *
 * <p>Edits are applied atomically behind a path guard: an edit either changes every file it names or
 * none, and never writes outside the tree, under {@code .git} or through a symlink. A rejected edit
 * is a value the model can act on, not an exception. Each {@link #commit} is a checkpoint that {@link
 * #rollback} can return to.
 */
public interface Workspace extends AutoCloseable {

  /** The root of the working tree that gates and commands see. */
  Path root();

  /** Applies an edit to the working tree, entirely or not at all. */
  ApplyResult apply(Edit edit);

  /**
   * Reads a regular file inside the tree (never through a symlink, never under {@code .git}).
   *
   * @return the text, or empty when there is no such readable file
   */
  Optional<String> read(String path);

  /** Records the working tree as a new checkpoint; returns {@link #head()} when nothing changed. */
  Checkpoint commit(String message);

  /** The checkpoint the loop started from. */
  Checkpoint base();

  /** The latest checkpoint. */
  Checkpoint head();

  /**
   * The content id of the tree a checkpoint recorded: checkpoints with identical files have the same
   * tree id, so a gate never needs to judge the same tree twice. By default the checkpoint's own
   * id (which only distinguishes checkpoints); git workspaces return the git tree hash.
   */
  default String treeId(Checkpoint checkpoint) {
    return checkpoint.id();
  }

  /** Restores the working tree and head to an earlier checkpoint of this run. */
  void rollback(Checkpoint to);

  /** A unified diff (git format) from {@link #base()} to {@link #head()}. */
  String diff();

  /**
   * Hands an accepted result to the user: records it on a branch of the user's repository and, when
   * configured and safe, fast-forwards the user's branch to it.
   *
   * @return one sentence saying what was done, for the report
   */
  String accept(Checkpoint result);

  /** Releases what the workspace holds; the tree and its commits stay. */
  @Override
  void close();
}
