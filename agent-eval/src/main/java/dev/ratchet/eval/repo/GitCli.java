package dev.ratchet.eval.repo;

import dev.ratchet.RatchetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The git commands a repository instance needs, run with the git CLI (the tool the reference
 * harnesses use to apply patches): a private clone at the base commit, patches applied and
 * committed. Hooks, signing and LFS smudging are off; nothing reads the network.
 */
final class GitCli {

  private static final long TIMEOUT_MINUTES = 10;
  private static final Pattern PATCH_PATH =
      Pattern.compile("^(?:---|\\+\\+\\+) (?:\"?[ab]/)(.+?)\"?(?:\t.*)?$");

  /** What a git command did. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private GitCli() {}

  /**
   * Makes a private repository at {@code target} holding {@code source} at {@code base}: a {@code
   * git clone --shared --no-checkout} of a git repository (bare or not), then a checkout of the
   * base on branch {@code ratchet-base}; or, for a plain folder, a copy committed as one commit.
   * The source is only read.
   *
   * @return the base commit id
   */
  static String prepare(Path source, String base, Path target) {
    if (isRepository(source)) {
      check(run(target.getParent(), null, "clone", "--quiet", "--shared", "--no-checkout",
          source.toAbsolutePath().toString(), target.getFileName().toString()),
          "clone " + source);
      String ref = base.isEmpty() ? "HEAD" : base;
      Result commit = run(target, null, "rev-parse", "--verify", "--quiet", ref + "^{commit}");
      if (!commit.ok()) {
        throw new RatchetException("the commit " + ref + " is not in " + source + ": fetch it"
            + " there (git -C " + source + " fetch origin " + ref + ")");
      }
      String id = commit.output().strip();
      check(run(target, null, "checkout", "--quiet", "-B", "ratchet-base", id),
          "check out " + id);
      return id;
    }
    if (!base.isEmpty()) {
      throw new RatchetException(source + " is not a git repository, so it has no commit "
          + base);
    }
    copyTree(source, target);
    check(run(target, null, "init", "--quiet", "-b", "ratchet-base"), "init " + target);
    commitAll(target, "base: " + source.getFileName());
    return head(target);
  }

  /** Whether {@code dir} is a git repository: a work tree (or linked work tree), or bare. */
  static boolean isRepository(Path dir) {
    return Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)
        || (Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))
            && Files.isDirectory(dir.resolve("refs")));
  }

  /** The id of {@code HEAD}. */
  static String head(Path repo) {
    return check(run(repo, null, "rev-parse", "HEAD"), "read HEAD").strip();
  }

  /** Stages everything and commits it (an empty commit when nothing changed). */
  static String commitAll(Path repo, String message) {
    check(run(repo, null, "add", "--all"), "stage the tree");
    check(run(repo, null, "commit", "--quiet", "--allow-empty", "--no-verify", "-m", message),
        "commit");
    return head(repo);
  }

  /**
   * Applies a unified diff to the work tree, all or nothing: {@code git apply}, then a clean
   * three-way {@code git apply --3way}; when both fail, the tree is reset and the first error is
   * returned.
   */
  static Result apply(Path repo, String patch) {
    String text = patch.endsWith("\n") ? patch : patch + "\n";
    Result plain = run(repo, text, "apply", "--whitespace=nowarn", "-");
    if (plain.ok()) {
      return plain;
    }
    Result threeWay = run(repo, text, "apply", "--3way", "--whitespace=nowarn", "-");
    if (threeWay.ok()) {
      return threeWay;
    }
    reset(repo);
    return plain;
  }

  /**
   * The repository-relative paths a unified diff names, old and new: from its {@code ---} and
   * {@code +++} header pairs ({@code /dev/null} left out).
   */
  static Set<String> paths(String patch) {
    Set<String> out = new LinkedHashSet<>();
    String[] lines = patch.split("\r?\n", -1);
    for (int i = 0; i + 1 < lines.length; i++) {
      if (lines[i].startsWith("--- ") && lines[i + 1].startsWith("+++ ")) {
        for (String header : List.of(lines[i], lines[i + 1])) {
          Matcher m = PATCH_PATH.matcher(header);
          if (m.matches() && !m.group(1).contains("..") && !m.group(1).startsWith("/")) {
            out.add(m.group(1));
          }
        }
        i++;
      }
    }
    return out;
  }

  /** Discards every change to the work tree and index. */
  static void reset(Path repo) {
    check(run(repo, null, "reset", "--quiet", "--hard"), "reset the tree");
    check(run(repo, null, "clean", "--quiet", "-fd"), "clean the tree");
  }

  private static String check(Result r, String what) {
    if (!r.ok()) {
      throw new RatchetException("git could not " + what + " (exit " + r.exitCode() + "): "
          + r.output().strip());
    }
    return r.output();
  }

  /** Runs git in {@code dir} with {@code stdin} (or none), output and errors together. */
  static Result run(Path dir, String stdin, String... args) {
    List<String> argv = new ArrayList<>(List.of("git",
        "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false",
        "-c", "user.name=ratchet", "-c", "user.email=ratchet@localhost",
        "-c", "core.autocrlf=false", "-c", "advice.detachedHead=false"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().put("GIT_LFS_SKIP_SMUDGE", "1");
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().remove("GIT_DIR");
    pb.environment().remove("GIT_WORK_TREE");
    try {
      Process p = pb.start();
      Thread feeder = new Thread(() -> {
        try (OutputStream in = p.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          // git stopped reading; its exit status says why.
        }
      }, "ratchet-git-stdin");
      feeder.start();
      String output;
      try (InputStream out = p.getInputStream()) {
        output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new RatchetException("git " + String.join(" ", args) + " took over "
            + TIMEOUT_MINUTES + " minutes in " + dir);
      }
      feeder.join(5000);
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      throw new RatchetException("cannot run git (is it installed?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RatchetException("interrupted while git ran in " + dir, e);
    }
  }

  /** Copies a folder of code, links as links, leaving out {@code target/} and {@code .git}. */
  private static void copyTree(Path source, Path target) {
    try {
      Files.walkFileTree(source, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
            throws IOException {
          String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
          if (!dir.equals(source) && (name.equals("target") || name.equals(".git"))) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          Files.createDirectories(target.resolve(source.relativize(dir).toString()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
            throws IOException {
          Files.copy(file, target.resolve(source.relativize(file).toString()),
              StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
    }
  }
}
