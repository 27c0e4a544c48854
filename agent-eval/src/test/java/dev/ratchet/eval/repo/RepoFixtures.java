package dev.ratchet.eval.repo;

import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustToolchain;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.testkit.FakeSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the unit tests share: the folder-format tasks, golden cargo output recorded from them
 * ({@code repo/cargo/regenerate.sh}), a cargo environment whose "toolchain" is a script (so the
 * host-side fetch runs nothing), and a fake sandbox that answers cargo from the golden files
 * according to the tree it is shown.
 */
final class RepoFixtures {

  static final Path RESOURCES = Path.of("src/test/resources/repo");
  static final Path SUITE = RESOURCES.resolve("folder");

  private RepoFixtures() {}

  /** The folder-format task called {@code id}. */
  static RepoInstance task(String id) {
    return RepoSuites.folder(SUITE).stream().filter(i -> i.id().equals(id)).findFirst()
        .orElseThrow();
  }

  /** A cargo environment under {@code dir} whose cargo is a script that succeeds. */
  static CargoEnvironment fakeEnvironment(Path dir) {
    try {
      Path toolchain = dir.resolve("toolchain");
      Path cargo = toolchain.resolve("bin/cargo");
      Files.createDirectories(cargo.getParent());
      Files.writeString(cargo, "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(cargo, PosixFilePermissions.fromString("rwxr-xr-x"));
      return CargoEnvironment.builder()
          .toolchain(new RustToolchain(toolchain, Optional.empty()))
          .cacheDir(dir.resolve("cache"))
          .jobs(1)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A recorded cargo call: {@code list} or {@code run} of a case under {@code repo/cargo}. */
  static ExecResult golden(String caseName, String call) {
    Path dir = RESOURCES.resolve("cargo").resolve(caseName);
    try {
      int exit = Files.readAllLines(dir.resolve("exit.txt")).stream()
          .filter(l -> l.startsWith(call + " ")).map(l -> Integer.parseInt(l.substring(
              call.length() + 1).strip())).findFirst().orElseThrow();
      String out = Files.readString(dir.resolve(call + ".txt"), StandardCharsets.UTF_8);
      return ExecResult.of(exit, out, "", Duration.ofMillis(40));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Answers the named-tests gate as real cargo answered on the same tree: the case is chosen by
   * what the mounted workspace holds (the fix, the tests of the line-count task).
   */
  static FakeSandbox cargoFromGoldenFiles() {
    return FakeSandbox.answering(spec -> golden(caseFor(workspace(spec)),
        spec.argv().contains("--list") ? "list" : "run"));
  }

  /** The host directory mounted as the workspace. */
  static Path workspace(ExecSpec spec) {
    return spec.mounts().stream().filter(m -> m.containerPath().equals("/workspace"))
        .map(Mount::hostPath).findFirst().orElseThrow();
  }

  private static String caseFor(Path root) {
    try {
      String lib = Files.readString(root.resolve("src/lib.rs"));
      String tests = Files.readString(root.resolve("src/tests.rs"));
      if (tests.contains("line_count") && !lib.contains("fn line_count")) {
        return "line-count-empty";
      }
      return lib.contains("split_whitespace") ? "whitespace-gold" : "whitespace-empty";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sandboxes for the runner that all hand out {@code sandbox} (never closing it). */
  static RepoInstanceRunner.Sandboxes sandboxes(Sandbox sandbox) {
    return new RepoInstanceRunner.Sandboxes() {
      @Override
      public Sandbox open(List<Mount> mounts, Limits limits) {
        return sandbox::exec;
      }

      @Override
      public void delete(Path dir) {
        deleteTree(dir);
      }
    };
  }

  /** Deletes a directory tree. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs git in {@code dir}; fails on a non-zero exit. */
  static String git(Path dir, String... args) {
    GitCli.Result r = GitCli.run(dir, null, args);
    if (!r.ok()) {
      throw new IllegalStateException("git " + List.of(args) + ": " + r.output());
    }
    return r.output().strip();
  }

  /** A git repository at {@code dir} holding the task's code, committed on main. */
  static Path gitRepo(String task, Path dir) {
    try {
      Files.createDirectories(dir.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitCli.prepare(SUITE.resolve(task).resolve("repo"), "", dir);
    git(dir, "branch", "-m", "main");
    return dir;
  }
}
