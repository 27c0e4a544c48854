package dev.ratchet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.testkit.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiFixerIT {
  @TempDir Path tmp;

  @Test
  void returnsAVerifiedDiff_andLeavesTheCallersBranchAndFilesAlone() throws Exception {
    ExampleRepos.requireDocker();
    Path repo = ExampleRepos.crate("clippy-suggestions", tmp);
    String head = GitRepos.git(repo, "rev-parse", "HEAD").strip();
    String lib = Files.readString(repo.resolve("src/lib.rs"));

    Optional<CiFixer.Fix> fix;
    try (CiFixer fixer = CiFixer.withCompilerSuggestions()) {
      fix = fixer.fix(repo, "clippy");
    }

    assertThat(fix).isPresent();
    assertThat(fix.get().verification()).extracting(r -> r.gate() + "=" + r.status())
        .containsExactly("clippy=PASS", "test=PASS");
    assertThat(fix.get().diff()).contains("--- a/src/lib.rs", "+++ b/src/lib.rs");
    assertThat(GitRepos.git(repo, "rev-parse", "HEAD").strip()).isEqualTo(head);
    assertThat(Files.readString(repo.resolve("src/lib.rs"))).isEqualTo(lib);
    assertThat(GitRepos.git(repo, "branch", "--list", fix.get().branch())).isNotBlank();
    Files.writeString(tmp.resolve("fix.diff"), fix.get().diff());
    GitRepos.git(repo, "apply", "--check", tmp.resolve("fix.diff").toString());
  }
}
