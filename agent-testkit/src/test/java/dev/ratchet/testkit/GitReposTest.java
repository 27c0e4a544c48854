package dev.ratchet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitReposTest {

  @TempDir Path tmp;

  @Test
  void copyOf_commitsTheTreeOnMain_withoutItsTargetDirectory() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("fixture/src"));
    Files.writeString(source.resolve("lib.rs"), "pub fn f() {}\n");
    Files.createDirectories(tmp.resolve("fixture/target/debug"));
    Files.writeString(tmp.resolve("fixture/target/debug/junk"), "built");

    Path repo = GitRepos.copyOf(tmp.resolve("fixture"), tmp.resolve("repo"), "start");

    assertThat(GitRepos.git(repo, "branch", "--show-current").strip()).isEqualTo("main");
    assertThat(GitRepos.git(repo, "log", "--format=%s %an").strip()).isEqualTo("start test");
    assertThat(GitRepos.git(repo, "ls-files").strip()).isEqualTo("src/lib.rs");
    assertThat(repo.resolve("target")).doesNotExist();
  }

  @Test
  void commitAll_addsACommit_evenWhenNothingChanged() {
    Path repo = GitRepos.commitAll(tmp, "first");
    GitRepos.commitAll(repo, "second");

    assertThat(GitRepos.git(repo, "log", "--format=%s").strip()).isEqualTo("second\nfirst");
  }

  @Test
  void git_failsWithGitsOwnWords() {
    assertThatThrownBy(() -> GitRepos.git(tmp, "rev-parse", "HEAD"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("git rev-parse HEAD in " + tmp)
        .hasMessageContaining("not a git repository");
  }
}
