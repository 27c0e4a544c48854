package dev.ratchet.sandbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {

  @TempDir Path root;
  @TempDir Path outside;

  @Test
  void read_returnsBytes_forARegularFileUnderTheCap() throws IOException {
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/c.json"), "{}");

    assertThat(SafeFiles.read(root, "a/b/c.json", 2)).hasValueSatisfying(
        b -> assertThat(new String(b)).isEqualTo("{}"));
  }

  @Test
  void read_refuses_symlinksFifosDirectoriesAndEscapes() throws Exception {
    Files.writeString(outside.resolve("secret"), "host secret");
    Files.createSymbolicLink(root.resolve("link"), outside.resolve("secret"));
    Files.createSymbolicLink(root.resolve("dirlink"), outside);
    Files.createDirectories(root.resolve("dir"));
    Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("fifo").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThat(SafeFiles.read(root, "link", 100)).isEmpty();
    assertThat(SafeFiles.read(root, "dirlink/secret", 100)).isEmpty();
    assertThat(SafeFiles.read(root, "fifo", 100)).isEmpty();
    assertThat(SafeFiles.read(root, "dir", 100)).isEmpty();
    assertThat(SafeFiles.read(root, "../" + outside.getFileName() + "/secret", 100)).isEmpty();
    assertThat(SafeFiles.read(root, outside.resolve("secret").toString(), 100)).isEmpty();
    assertThat(SafeFiles.read(root, "nul\0byte", 100)).isEmpty();
    assertThat(SafeFiles.read(root, "missing", 100)).isEmpty();
  }

  @Test
  void read_fails_whenTheFileIsOverTheCap() throws IOException {
    Files.writeString(root.resolve("big"), "0123456789");

    assertThatThrownBy(() -> SafeFiles.read(root, "big", 5))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cap of 5");
  }

  @Test
  void deleteTree_removesLockedDirectories_butNotWhatLinksPointAt() throws IOException {
    Path tree = Files.createDirectories(root.resolve("tree/locked/inner"));
    Files.writeString(tree.resolve("f"), "x");
    Files.writeString(outside.resolve("keep"), "keep me");
    Files.createSymbolicLink(root.resolve("tree/out"), outside);
    Files.setPosixFilePermissions(root.resolve("tree/locked"),
        PosixFilePermissions.fromString("---------"));

    assertThat(SafeFiles.deleteTree(root.resolve("tree"))).isTrue();

    assertThat(root.resolve("tree")).doesNotExist();
    assertThat(outside.resolve("keep")).hasContent("keep me");
  }
}
