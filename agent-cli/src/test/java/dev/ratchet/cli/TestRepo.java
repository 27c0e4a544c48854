package dev.ratchet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** Small trees and git repositories for tests. */
final class TestRepo {
  private TestRepo() {}

  /** Writes the files into {@code dir} (no git). */
  static Path files(Path dir, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> e : files.entrySet()) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the files into {@code dir} and commits them on branch main with JGit. */
  static Path git(Path dir, Map<String, String> files) {
    files(dir, files);
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("test", "test@localhost");
      git.commit().setMessage("base").setAuthor(who).setCommitter(who).setSign(false).call();
      return dir;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies a tree, {@code .git} included. */
  static Path copy(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file outside {@code .git}, with its text. */
  static Map<String, String> snapshot(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        if (Files.isRegularFile(p) && !rel.equals(".git") && !rel.startsWith(".git/")) {
          out.put(rel, Files.readString(p, StandardCharsets.ISO_8859_1));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
