package dev.ratchet.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.workspace.ApplyResult;
import dev.ratchet.workspace.Checkpoint;
import dev.ratchet.workspace.FileChange;
import dev.ratchet.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link Workspace} keeps: edits apply whole or not at all, never outside the
 * tree or under {@code .git}; reads stay inside the tree; commits, rollbacks and the diff agree.
 *
 * <p>Extend it in the workspace's test and supply a factory. Each test gets a fresh directory
 * {@code <tmp>/tree}; the contract puts bait files next to it ({@code <tmp>/etc/passwd}) to catch a
 * path guard that lets {@code ../} through.
 */
public abstract class WorkspaceContract {

  /** The file most tests edit. */
  protected static final String LIB = "src/lib.rs";

  /** Its content at the base checkpoint. */
  protected static final String LIB_BASE = "pub fn one() -> i32 {\n    1\n}\n";

  /** Its content after {@link #ONE_TO_TWO}. */
  protected static final String LIB_EDITED = "pub fn one() -> i32 {\n    2\n}\n";

  /** A unified diff that changes {@link #LIB} from {@link #LIB_BASE} to {@link #LIB_EDITED}. */
  protected static final String ONE_TO_TWO =
      "--- a/src/lib.rs\n"
          + "+++ b/src/lib.rs\n"
          + "@@ -1,3 +1,3 @@\n"
          + " pub fn one() -> i32 {\n"
          + "-    1\n"
          + "+    2\n"
          + " }\n";

  @TempDir Path tmp;

  private final List<Workspace> opened = new ArrayList<>();

  /**
   * Creates a workspace over {@code dir} (an existing empty directory) after writing these files
   * into it and committing them as the base checkpoint.
   *
   * @param files file contents keyed by path relative to {@code dir}, with {@code /} separators
   */
  protected abstract Workspace createWorkspace(Path dir, Map<String, String> files);

  /** Returns a workspace over a fresh tree holding {@link #LIB} and the given extra files. */
  protected Workspace open(Map<String, String> extra) {
    Path dir = tmp.resolve("tree");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> files = new TreeMap<>(extra);
    files.putIfAbsent(LIB, LIB_BASE);
    Workspace workspace = createWorkspace(dir, files);
    opened.add(workspace);
    return workspace;
  }

  @AfterEach
  void closeWorkspaces() {
    opened.forEach(Workspace::close);
  }

  @Test
  void apply_changesFile_whenDiffIsValid() {
    Workspace ws = open(Map.of());

    ApplyResult result = ws.apply(Edit.patch(ONE_TO_TWO));

    assertThat(result.applied()).as("%s", result).isTrue();
    assertThat(((ApplyResult.Applied) result).files())
        .containsExactly(FileChange.of(LIB, FileChange.Kind.MODIFIED));
    assertThat(fileOnDisk(ws, LIB)).isEqualTo(LIB_EDITED);
    assertThat(ws.read(LIB)).contains(LIB_EDITED);
  }

  @Test
  void apply_rejectsEmptyAndKeepsTree_whenPatchIsEmpty() {
    Workspace ws = open(Map.of());
    Map<String, String> before = tree(ws.root());

    ApplyResult result = ws.apply(Edit.patch(""));

    assertThat(result).isInstanceOf(ApplyResult.Rejected.class);
    assertThat(((ApplyResult.Rejected) result).reason()).isEqualTo(ApplyResult.Reason.EMPTY);
    assertThat(tree(ws.root())).isEqualTo(before);
  }

  @Test
  void apply_rejectsUnsafePath_whenDiffEscapesTree() {
    Workspace ws = open(Map.of());
    Map<String, String> before = tree(ws.root());
    String escaping =
        "--- /dev/null\n" + "+++ b/../x\n" + "@@ -0,0 +1 @@\n" + "+escaped\n";

    ApplyResult result = ws.apply(Edit.patch(escaping));

    assertRejected(result, ApplyResult.Reason.UNSAFE_PATH);
    assertThat(tmp.resolve("x")).doesNotExist();
    assertThat(tree(ws.root())).isEqualTo(before);
  }

  @Test
  void apply_rejectsUnsafePath_whenWriteFileEscapesTree() {
    Workspace ws = open(Map.of());

    ApplyResult result = ws.apply(Edit.writeFile("../x", "escaped\n"));

    assertRejected(result, ApplyResult.Reason.UNSAFE_PATH);
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void apply_rejectsProtectedPath_whenDiffTouchesGitConfig() throws IOException {
    Workspace ws = open(Map.of());
    Path config = ws.root().resolve(".git/config");
    byte[] configBefore = Files.exists(config) ? Files.readAllBytes(config) : new byte[0];
    String patch =
        "--- a/.git/config\n"
            + "+++ b/.git/config\n"
            + "@@ -1 +1,2 @@\n"
            + " [core]\n"
            + "+\thooksPath = /tmp/hooks\n";

    ApplyResult result = ws.apply(Edit.patch(patch));

    assertRejected(result, ApplyResult.Reason.PROTECTED_PATH);
    byte[] configAfter = Files.exists(config) ? Files.readAllBytes(config) : new byte[0];
    assertThat(configAfter).isEqualTo(configBefore);
  }

  @Test
  void read_returnsContentOrEmpty_dependingOnWhereThePathLeads() throws IOException {
    Workspace ws = open(Map.of());
    Files.createDirectories(tmp.resolve("etc"));
    Files.writeString(tmp.resolve("etc/passwd"), "root:x:0:0\n");

    assertThat(ws.read(LIB)).contains(LIB_BASE);
    assertThat(ws.read("src/missing.rs")).isEmpty();
    assertThat(ws.read("../etc/passwd")).isEmpty();
  }

  @Test
  void commit_returnsNewHead_afterApply() {
    Workspace ws = open(Map.of());
    Checkpoint base = ws.base();
    assertThat(ws.head()).isEqualTo(base);

    ws.apply(Edit.patch(ONE_TO_TWO));
    Checkpoint committed = ws.commit("one returns 2");

    assertThat(committed).isNotEqualTo(base);
    assertThat(ws.head()).isEqualTo(committed);
    assertThat(ws.base()).isEqualTo(base);
  }

  @Test
  void commit_returnsHead_whenNothingChanged() {
    Workspace ws = open(Map.of());

    assertThat(ws.commit("nothing")).isEqualTo(ws.head()).isEqualTo(ws.base());
  }

  @Test
  void rollback_restoresFileContent_whenGoingBackToBase() {
    Workspace ws = open(Map.of());
    Checkpoint base = ws.base();
    ws.apply(Edit.patch(ONE_TO_TWO));
    ws.commit("one returns 2");

    ws.rollback(base);

    assertThat(ws.head()).isEqualTo(base);
    assertThat(fileOnDisk(ws, LIB)).isEqualTo(LIB_BASE);
    assertThat(ws.read(LIB)).contains(LIB_BASE);
  }

  @Test
  void diff_containsChangedLine_afterCommit() {
    Workspace ws = open(Map.of());
    ws.apply(Edit.patch(ONE_TO_TWO));
    ws.commit("one returns 2");

    String diff = ws.diff().replace("\r\n", "\n");

    assertThat(diff).contains(LIB).contains("\n-    1\n").contains("\n+    2\n");
  }

  @Test
  void apply_leavesFirstFileUntouched_whenSecondFileHunkFails() {
    String other = "pub fn other() -> i32 {\n    7\n}\n";
    Workspace ws = open(Map.of("src/other.rs", other));
    Map<String, String> before = tree(ws.root());
    String patch =
        ONE_TO_TWO
            + "--- a/src/other.rs\n"
            + "+++ b/src/other.rs\n"
            + "@@ -1,3 +1,3 @@\n"
            + " fn does_not_exist() {\n"
            + "-    nothing_like_this_is_in_the_file();\n"
            + "+    still_nothing();\n"
            + " }\n";

    ApplyResult result = ws.apply(Edit.patch(patch));

    assertRejected(result, ApplyResult.Reason.NO_MATCH);
    assertThat(fileOnDisk(ws, LIB)).isEqualTo(LIB_BASE);
    assertThat(tree(ws.root())).isEqualTo(before);
  }

  /** Asserts that the result is a rejection for the given reason, with a message for the model. */
  protected static void assertRejected(ApplyResult result, ApplyResult.Reason reason) {
    assertThat(result).as("%s", result).isInstanceOf(ApplyResult.Rejected.class);
    ApplyResult.Rejected rejected = (ApplyResult.Rejected) result;
    assertThat(rejected.reason()).as("%s", rejected).isEqualTo(reason);
    assertThat(rejected.message()).as("the model is told what failed").isNotBlank();
  }

  /** Reads a file of the tree straight from disk, bypassing the workspace. */
  protected static String fileOnDisk(Workspace ws, String path) {
    try {
      return Files.readString(ws.root().resolve(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file under the root except {@code .git}, by relative path, with its content. */
  protected static Map<String, String> tree(Path root) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path rel = root.relativize(p);
        if (rel.getNameCount() > 0 && rel.getName(0).toString().equals(".git")) {
          continue;
        }
        if (Files.isRegularFile(p)) {
          String path = rel.toString().replace('\\', '/');
          files.put(path, Files.readString(p, StandardCharsets.ISO_8859_1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
