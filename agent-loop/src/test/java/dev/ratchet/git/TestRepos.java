package dev.ratchet.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** Builds small git repositories for tests. */
public final class TestRepos {
  private TestRepos() {}

  /** Writes the files into {@code dir} and commits them on branch main. */
  public static Path create(Path dir, Map<String, String> files) {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> e : files.entrySet()) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, e.getValue());
      }
      try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("test", "test@localhost");
        git.commit().setMessage("base").setAuthor(who).setCommitter(who).setSign(false).call();
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every regular file below {@code dir} (outside {@code .git}) with its bytes as text. */
  public static Map<String, String> snapshot(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> !dir.relativize(p).toString().startsWith(".git"))
          .filter(Files::isRegularFile)
          .forEach(p -> {
            try {
              out.put(dir.relativize(p).toString().replace('\\', '/'),
                  new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
