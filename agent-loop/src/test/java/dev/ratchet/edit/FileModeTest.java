package dev.ratchet.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files are written through private temporary files; the result must still carry the file's own
 * mode (or git's 0644 for a new file), or a sandbox user reading the tree gets "permission denied".
 */
class FileModeTest {

  @TempDir Path root;

  @Test
  void apply_keepsTheModeOfAnEditedFile_andGivesNewFiles0644() throws Exception {
    Files.writeString(root.resolve("shared.rs"), "old\n");
    Files.setPosixFilePermissions(root.resolve("shared.rs"),
        PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(root.resolve("private.rs"), "old\n");
    Files.setPosixFilePermissions(root.resolve("private.rs"),
        PosixFilePermissions.fromString("rw-r-----"));
    EditApplier applier = EditApplier.create(root, EditGuard.defaults());

    assertThat(applier.apply(Edit.writeFile("shared.rs", "new\n")).applied()).isTrue();
    assertThat(applier.apply(Edit.writeFile("private.rs", "new\n")).applied()).isTrue();
    assertThat(applier.apply(Edit.writeFile("src/fresh.rs", "new\n")).applied()).isTrue();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        root.resolve("shared.rs")))).isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        root.resolve("private.rs")))).isEqualTo("rw-r-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        root.resolve("src/fresh.rs")))).isEqualTo("rw-r--r--");
  }
}
