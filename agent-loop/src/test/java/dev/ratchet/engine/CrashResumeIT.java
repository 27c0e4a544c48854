package dev.ratchet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.git.TestRepos;
import dev.ratchet.transcript.TranscriptReader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a loop's JVM in the middle of an iteration (SIGKILL, after the iteration's commit and
 * before its decision), resumes from the transcript in a new JVM, and checks that the final tree
 * equals that of an uninterrupted run.
 */
class CrashResumeIT {
  @TempDir Path dir;

  private static final Map<String, String> FILES = Map.of("src/lib.rs",
      "pub fn f() {}\n// end\n");

  @Test
  void resumedRun_endsWithSameTree_asUninterruptedRun() throws Exception {
    Path straight = TestRepos.create(dir.resolve("straight"), FILES);
    Process full = start("full", straight, dir.resolve("w1"), dir.resolve("t1.jsonl"));
    assertThat(full.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(full.exitValue()).isZero();

    Path crashed = TestRepos.create(dir.resolve("crashed"), FILES);
    Path transcript = dir.resolve("t2.jsonl");
    Process crash = start("crash", crashed, dir.resolve("w2"), transcript);
    Path marker = dir.resolve("marker-crash");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(marker) && System.nanoTime() < deadline && crash.isAlive()) {
      Thread.sleep(20);
    }
    assertThat(marker).as("the driver reached the gate of iteration 3").exists();
    crash.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(crash.exitValue()).isEqualTo(137);
    TranscriptReader.Transcript partial = TranscriptReader.read(transcript);
    assertThat(partial.resumePoint().iterations()).hasSize(2);
    assertThat(partial.result()).isEmpty();
    assertThat(Files.readString(crashed.resolve("src/lib.rs"))).doesNotContain("step");

    Process resume = start("resume", crashed, dir.resolve("w2"), transcript);
    assertThat(resume.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(resume.exitValue()).as(new String(Files.readAllBytes(dir.resolve("resume.log"))))
        .isZero();

    assertThat(TestRepos.snapshot(crashed)).isEqualTo(TestRepos.snapshot(straight));
    assertThat(Files.readString(crashed.resolve("src/lib.rs"))).contains("// step 4");
    TranscriptReader.Transcript done = TranscriptReader.read(transcript);
    assertThat(done.result()).hasValueSatisfying(r -> assertThat(r.accepted()).isTrue());
    assertThat(done.replies()).hasSize(4);
  }

  private Process start(String mode, Path repo, Path tree, Path transcript) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashResumeDriver.class.getName());
    cmd.add(mode);
    cmd.add(repo.toString());
    cmd.add(tree.toString());
    cmd.add(transcript.toString());
    cmd.add(dir.resolve("marker-" + mode).toString());
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(mode + ".log").toFile()).start();
  }
}
