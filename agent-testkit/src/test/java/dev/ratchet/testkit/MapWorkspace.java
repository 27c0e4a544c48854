package dev.ratchet.testkit;

import dev.ratchet.action.Edit;
import dev.ratchet.workspace.ApplyResult;
import dev.ratchet.workspace.Checkpoint;
import dev.ratchet.workspace.FileChange;
import dev.ratchet.workspace.Workspace;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A read-mostly workspace over a map of files, enough to build a gate context in tests. */
final class MapWorkspace implements Workspace {
  private static final Checkpoint BASE = new Checkpoint("0000000");
  private final Map<String, String> files;

  MapWorkspace(Map<String, String> files) {
    this.files = new HashMap<>(files);
  }

  @Override
  public Path root() {
    return Path.of("/map-workspace");
  }

  @Override
  public ApplyResult apply(Edit edit) {
    if (edit instanceof Edit.WriteFile w) {
      FileChange.Kind kind =
          files.containsKey(w.path()) ? FileChange.Kind.MODIFIED : FileChange.Kind.CREATED;
      files.put(w.path(), w.content());
      return new ApplyResult.Applied(List.of(FileChange.of(w.path(), kind)), List.of());
    }
    return new ApplyResult.Rejected(
        ApplyResult.Reason.MALFORMED, "MapWorkspace applies whole-file writes only", "");
  }

  @Override
  public Optional<String> read(String path) {
    return Optional.ofNullable(files.get(path));
  }

  @Override
  public Checkpoint commit(String message) {
    return BASE;
  }

  @Override
  public Checkpoint base() {
    return BASE;
  }

  @Override
  public Checkpoint head() {
    return BASE;
  }

  @Override
  public void rollback(Checkpoint to) {}

  @Override
  public String diff() {
    return "";
  }

  @Override
  public String accept(Checkpoint result) {
    return "nothing to hand over: MapWorkspace has no user branch";
  }

  @Override
  public void close() {}
}
