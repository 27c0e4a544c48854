package dev.ratchet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ratchet.engine.WriteBackDiff.FileChange;
import dev.ratchet.engine.WriteBackDiff.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTreeTest {
  @TempDir Path dir;
  Path tree;

  @BeforeEach
  void tree() throws IOException {
    tree = dir.resolve("tree");
    write(tree, "src/lib.rs", "pub fn a() {}\n");
    write(tree, "src/gone.rs", "fn gone() {}\n");
    write(tree, "Cargo.toml", "[package]\nname = \"x\"\n");
    write(tree, ".git/config", "[core]\n");
    write(tree, "sub/.git/HEAD", "ref\n");
    write(tree, "target/debug/x", "binary\0");
    write(tree, "src/target/mod.rs", "mod inner;\n");
    write(tree, "run.sh", "#!/bin/sh\n");
    Files.setPosixFilePermissions(tree.resolve("run.sh"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(dir.resolve("elsewhere"));
    Files.createSymbolicLink(tree.resolve("link"), dir.resolve("elsewhere"));
  }

  static void write(Path root, String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  static ScratchTree.Changed changed(ScratchTree scratch) {
    ScratchTree.ReadBack back = scratch.readBack();
    assertThat(back).isInstanceOf(ScratchTree.Changed.class);
    return (ScratchTree.Changed) back;
  }

  static String refused(ScratchTree scratch) {
    ScratchTree.ReadBack back = scratch.readBack();
    assertThat(back).isInstanceOf(ScratchTree.Refused.class);
    return ((ScratchTree.Refused) back).reason();
  }

  @Test
  void copyOf_copiesRegularFilesOnly_skippingGitTargetAndLinks() throws IOException {
    try (ScratchTree scratch = ScratchTree.copyOf(tree)) {
      Path s = scratch.dir();

      assertThat(s.resolve("src/lib.rs")).hasContent("pub fn a() {}");
      assertThat(s.resolve("src/target/mod.rs")).exists();
      assertThat(s.resolve(".git")).doesNotExist();
      assertThat(s.resolve("sub/.git")).doesNotExist();
      assertThat(s.resolve("target")).doesNotExist();
      assertThat(Files.exists(s.resolve("link"), LinkOption.NOFOLLOW_LINKS)).isFalse();
      assertThat(Files.getPosixFilePermissions(s.resolve("run.sh")))
          .contains(PosixFilePermission.OWNER_EXECUTE);
      assertThat(changed(scratch).files()).isEmpty();
    }
  }

  @Test
  void readBack_findsCreatedModifiedAndDeletedFiles() throws IOException {
    try (ScratchTree scratch = ScratchTree.copyOf(tree)) {
      Path s = scratch.dir();
      Files.writeString(s.resolve("src/lib.rs"), "pub fn a() {\n}\n");
      write(s, "src/new.rs", "fn new() {}\n");
      Files.delete(s.resolve("src/gone.rs"));
      write(s, ".git/hooks/pre-commit", "evil");
      write(s, "target/release/y", "ignored");

      ScratchTree.Changed changed = changed(scratch);

      assertThat(changed.files()).containsExactly(
          new FileChange("src/gone.rs", Kind.DELETED, "", ""),
          new FileChange("src/lib.rs", Kind.MODIFIED, "pub fn a() {}\n", "pub fn a() {\n}\n"),
          new FileChange("src/new.rs", Kind.CREATED, "", "fn new() {}\n"));
      assertThat(changed.skipped()).isEmpty();
    }
  }

  @Test
  void readBack_skipsLinksAndSpecialFiles_withoutOpeningThem() throws Exception {
    try (ScratchTree scratch = ScratchTree.copyOf(tree)) {
      Path s = scratch.dir();
      Files.createSymbolicLink(s.resolve("src/passwd"), Path.of("/etc/passwd"));
      Files.delete(s.resolve("Cargo.toml"));
      Files.createSymbolicLink(s.resolve("Cargo.toml"), Path.of("/etc/hostname"));
      boolean fifo = mkfifo(s.resolve("pipe"));

      ScratchTree.Changed changed = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> changed(scratch));

      assertThat(changed.files()).isEmpty();
      assertThat(changed.skipped()).contains("src/passwd (a symbolic link)",
          "Cargo.toml (a symbolic link)");
      if (fifo) {
        assertThat(changed.skipped()).contains("pipe (not a regular file)");
      }
    }
  }

  @Test
  void readBack_keepsFilesBelowADirectoryTurnedIntoALink() throws IOException {
    try (ScratchTree scratch = ScratchTree.copyOf(tree)) {
      Path s = scratch.dir();
      ScratchTree.deleteTree(s.resolve("src"));
      Files.createSymbolicLink(s.resolve("src"), dir);

      ScratchTree.Changed changed = changed(scratch);

      assertThat(changed.files()).isEmpty();
      assertThat(changed.skipped()).contains("src (a symbolic link)",
          "src/lib.rs (its directory src is no longer a directory)");
    }
  }

  @Test
  void readBack_refusesOversizedAndBinaryFiles() throws IOException {
    try (ScratchTree scratch = ScratchTree.copyOf(tree)) {
      Files.write(scratch.dir().resolve("big.txt"), new byte[(int) ScratchTree.MAX_FILE_BYTES + 1]);
      assertThat(refused(scratch)).contains("big.txt is", "over 8 MiB are not brought back");
    }
    try (ScratchTree scratch = ScratchTree.copyOf(tree)) {
      Files.write(scratch.dir().resolve("src/lib.rs"), new byte[] {(byte) 0xff, (byte) 0xfe});
      assertThat(refused(scratch)).contains("src/lib.rs is not UTF-8 text");
    }
    try (ScratchTree scratch = ScratchTree.copyOf(tree)) {
      Files.writeString(scratch.dir().resolve("new.rs"), "a\0b");
      assertThat(refused(scratch)).contains("NUL");
    }
    try (ScratchTree scratch = ScratchTree.copyOf(tree)) {
      Files.writeString(scratch.dir().resolve("new.rs"), "a\rb\n");
      assertThat(refused(scratch)).contains("carriage return");
    }
  }

  @Test
  void readBack_acceptsUnchangedLargeFiles() throws IOException {
    Files.write(tree.resolve("data.bin"), new byte[(int) ScratchTree.MAX_FILE_BYTES + 10]);
    try (ScratchTree scratch = ScratchTree.copyOf(tree)) {
      assertThat(changed(scratch).files()).isEmpty();
    }
  }

  @Test
  void readBack_setsAsideLineEndingOnlyChanges() throws IOException {
    try (ScratchTree scratch = ScratchTree.copyOf(tree)) {
      Files.writeString(scratch.dir().resolve("src/lib.rs"), "pub fn a() {}\r\n");

      ScratchTree.Changed changed = changed(scratch);

      assertThat(changed.files()).isEmpty();
      assertThat(changed.endingsOnly()).containsExactly("src/lib.rs");
    }
  }

  @Test
  void close_deletesEverything_evenLockedDirectories_withoutFollowingLinks() throws IOException {
    Path outside = dir.resolve("outside");
    write(outside, "precious.txt", "keep me");
    Path scratchDir;
    try (ScratchTree scratch = ScratchTree.copyOf(tree)) {
      scratchDir = scratch.dir();
      write(scratchDir, "locked/deep/file.txt", "x");
      Files.setPosixFilePermissions(scratchDir.resolve("locked/deep"), Set.of());
      Files.setPosixFilePermissions(scratchDir.resolve("locked"), Set.of());
      Files.createSymbolicLink(scratchDir.resolve("escape"), outside);
      Files.createSymbolicLink(scratchDir.resolve("src/escape-file"),
          outside.resolve("precious.txt"));
    }

    assertThat(Files.exists(scratchDir, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(outside.resolve("precious.txt")).hasContent("keep me");
  }

  private static boolean mkfifo(Path p) throws Exception {
    try {
      Process process = new ProcessBuilder("mkfifo", p.toString()).start();
      return process.waitFor() == 0;
    } catch (IOException e) {
      Assumptions.abort("mkfifo is not available: " + e.getMessage());
      return false;
    }
  }

  @Test
  void skipped_namesGitAnywhereAndTargetAtTheTop() {
    assertThat(ScratchTree.skipped(".git")).isTrue();
    assertThat(ScratchTree.skipped("a/.GIT/x")).isTrue();
    assertThat(ScratchTree.skipped("target")).isTrue();
    assertThat(ScratchTree.skipped("src/target")).isFalse();
    assertThat(ScratchTree.skipped("src/lib.rs")).isFalse();
  }
}
