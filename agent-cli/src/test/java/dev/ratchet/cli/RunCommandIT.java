package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.Required;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, end to end: {@code ratchet run} with the compiler-suggestion
 * proposer on the bundled crate, real gates in Docker, until they pass.
 */
class RunCommandIT {

  private static final Path EXAMPLE = Path.of("../examples/tasks/clippy-suggestions/crate");

  @TempDir Path tmp;

  @Test
  void run_fixesEveryWarning_gatedAndCommittedStepByStep_andFastForwardsTheBranch()
      throws Exception {
    requireDocker();
    Path repo = TestRepo.git(tmp.resolve("crate"), read(EXAMPLE));
    String before = Files.readString(repo.resolve("src/lib.rs"));

    CliRun run = CliRun.of("run", "--repo", repo.toString(), "--max-iterations", "12");

    assertThat(run.exit()).as(run.err() + run.out()).isZero();
    assertThat(run.out()).contains("accepted", "fmt PASS", "clippy PASS", "test PASS 3/3 tests");
    assertThat(run.err()).contains("baseline", "clippy FAIL", "iteration 1");
    String after = Files.readString(repo.resolve("src/lib.rs"));
    assertThat(after).isNotEqualTo(before).doesNotContain("return out;", "HashMap",
        ".len() == 0", "words(&text)", "|w| w.clone()");
    try (Git git = Git.open(repo.toFile())) {
      assertThat(git.log().call()).hasSizeGreaterThan(1);
      assertThat(git.status().call().isClean()).isTrue();
    }
  }

  @Test
  void run_dryRun_leavesTheBranchAndFilesAlone_andPrintsTheDiff() throws Exception {
    requireDocker();
    Path repo = TestRepo.git(tmp.resolve("crate"), read(EXAMPLE));
    String before = Files.readString(repo.resolve("src/lib.rs"));

    CliRun run = CliRun.of("run", "--repo", repo.toString(), "--dry-run", "--all-at-once");

    assertThat(run.exit()).as(run.err() + run.out()).isZero();
    assertThat(run.out()).contains("diff (dry run", "-    return out;", "+    out");
    assertThat(Files.readString(repo.resolve("src/lib.rs"))).isEqualTo(before);
  }

  @Test
  void gates_judgeTheHeadWithoutAModel_andLeaveTheRepositoryAlone() throws Exception {
    requireDocker();
    Path repo = TestRepo.git(tmp.resolve("crate"), read(EXAMPLE));
    String before = Files.readString(repo.resolve("src/lib.rs"));

    CliRun run = CliRun.of("gates", "--repo", repo.toString(), "--gates", "fmt,clippy,test,miri");

    assertThat(run.exit()).as(run.err()).isEqualTo(Exit.NOT_PASSED);
    assertThat(run.out()).contains("PASS  fmt", "FAIL  clippy", "clippy::needless_return",
        "FAIL  test", "the tests do not compile", "UNAVAILABLE  miri");
    assertThat(Files.readString(repo.resolve("src/lib.rs"))).isEqualTo(before);
  }

  static void requireDocker() {
    try {
      Process p = new ProcessBuilder("docker", "info").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() == 0) {
        return;
      }
    } catch (IOException | InterruptedException e) {
      // Fall through: no daemon.
    }
    throw Required.missing(Required.DOCKER, "docker info failed");
  }

  private static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(dir.relativize(p).toString(), Files.readString(p));
        }
      }
    }
    return files;
  }
}
