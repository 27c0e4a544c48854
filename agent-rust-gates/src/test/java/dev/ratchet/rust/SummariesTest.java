package dev.ratchet.rust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.gate.TestOutcome;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummariesTest {
  @TempDir Path repo;

  @Test
  void aHeadlineLongerThanTheBudget_isCut_andTheFailingTestsStillFit() throws Exception {
    Files.createDirectories(repo.resolve("src"));
    Files.writeString(repo.resolve("src/lib.rs"), "pub fn f() {}\n");
    GitRepos.commitAll(repo, "start");
    String headline = "cargo test: 1 failed; not believed: " + "a reason ".repeat(1000);
    List<TestOutcome> tests = List.of(new TestOutcome("tests::adds", TestOutcome.Status.FAILED,
        "assertion failed: 1 + 1 == 3", Duration.ZERO));

    String summary;
    try (GitWorkspace ws = GitWorkspace.builder(repo).open()) {
      summary = Summaries.render(headline, List.of(), tests, ws);
    }

    assertThat(summary.length()).isLessThanOrEqualTo(Summaries.BUDGET);
    assertThat(summary).startsWith("cargo test: 1 failed").contains("…\n")
        .contains("tests::adds");
  }

}
