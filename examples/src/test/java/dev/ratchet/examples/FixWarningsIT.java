package dev.ratchet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.loop.LoopResult;
import dev.ratchet.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixWarningsIT {
  @TempDir Path tmp;

  @Test
  void fixesEveryWarning_andFastForwardsTheBranch() throws Exception {
    ExampleRepos.requireDocker();
    Path crate = ExampleRepos.crate("clippy-suggestions", tmp);
    String before = GitRepos.git(crate, "rev-parse", "HEAD").strip();

    LoopResult result = FixWarnings.run(crate, tmp.resolve("run.jsonl"));

    assertThat(result.accepted()).as(result.reason()).isTrue();
    assertThat(result.iterations()).hasSizeGreaterThan(1);
    assertThat(result.iterations().get(result.iterations().size() - 1).gates())
        .allSatisfy(g -> assertThat(g.passed()).as(g.gate()).isTrue());
    assertThat(GitRepos.git(crate, "rev-parse", "HEAD").strip()).isNotEqualTo(before);
    assertThat(GitRepos.git(crate, "status", "--porcelain")).isBlank();
    assertThat(Files.readAllLines(tmp.resolve("run.jsonl"))).hasSizeGreaterThan(3);
  }
}
