package dev.ratchet.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.contract.WorkspaceContract;
import dev.ratchet.workspace.Checkpoint;
import dev.ratchet.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitWorkspaceTest extends WorkspaceContract {
  private static final String DIFF = """
      --- a/src/lib.rs
      +++ b/src/lib.rs
      @@ -1,3 +1,3 @@
       pub fn one() -> i32 {
      -    1
      +    2
       }
      """;

  @TempDir Path dir;

  @Override
  protected Workspace createWorkspace(Path tree, Map<String, String> files) {
    TestRepos.create(tree, files);
    return GitWorkspace.builder(tree).runId("contract").open();
  }

  private Path userRepo() {
    return TestRepos.create(dir.resolve("user"), Map.of("src/lib.rs",
        "pub fn one() -> i32 {\n    1\n}\n", "README.md", "hello\n"));
  }

  @Test
  void open_leavesUserBranchAndFilesUntouched_untilAccept() throws Exception {
    Path repo = userRepo();
    try (GitWorkspace ws = GitWorkspace.builder(repo).runId("r1").open()) {
      assertThat(ws.root()).isNotEqualTo(repo);
      assertThat(ws.apply(Edit.patch(DIFF)).applied()).isTrue();
      Checkpoint c = ws.commit("iteration 1");

      assertThat(c).isNotEqualTo(ws.base());
      assertThat(Files.readString(repo.resolve("src/lib.rs"))).contains("    1");
      try (Git git = Git.open(repo.toFile())) {
        assertThat(git.getRepository().resolve("refs/heads/main").name())
            .isEqualTo(ws.base().id());
        assertThat(git.getRepository().findRef("refs/heads/ratchet/r1")).isNull();
      }
    }
  }

  @Test
  void accept_fastForwardsCleanUserBranch() throws Exception {
    Path repo = userRepo();
    try (GitWorkspace ws = GitWorkspace.builder(repo).runId("r2").open()) {
      ws.apply(Edit.patch(DIFF));
      Checkpoint c = ws.commit("iteration 1");

      String said = ws.accept(c);

      assertThat(said).startsWith("Fast-forwarded main");
      assertThat(Files.readString(repo.resolve("src/lib.rs"))).contains("    2");
      try (Git git = Git.open(repo.toFile())) {
        assertThat(git.getRepository().resolve("refs/heads/main").name()).isEqualTo(c.id());
        assertThat(git.getRepository().resolve("refs/heads/ratchet/r2").name()).isEqualTo(c.id());
        assertThat(git.status().call().isClean()).isTrue();
      }
    }
  }

  @Test
  void accept_leavesDirtyUserBranchAlone() throws Exception {
    Path repo = userRepo();
    Files.writeString(repo.resolve("README.md"), "local edit\n");
    try (GitWorkspace ws = GitWorkspace.builder(repo).runId("r3").open()) {
      ws.apply(Edit.patch(DIFF));
      Checkpoint c = ws.commit("iteration 1");

      String said = ws.accept(c);

      assertThat(said).contains("uncommitted changes");
      assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo("local edit\n");
      assertThat(Files.readString(repo.resolve("src/lib.rs"))).contains("    1");
      try (Git git = Git.open(repo.toFile())) {
        assertThat(git.getRepository().resolve("refs/heads/ratchet/r3").name()).isEqualTo(c.id());
      }
    }
  }

  @Test
  void accept_branchModeNeverMovesUserBranch() throws Exception {
    Path repo = userRepo();
    try (GitWorkspace ws = GitWorkspace.builder(repo).runId("r4")
        .onAccept(GitWorkspace.OnAccept.BRANCH).open()) {
      ws.apply(Edit.patch(DIFF));
      Checkpoint c = ws.commit("iteration 1");

      ws.accept(c);

      try (Git git = Git.open(repo.toFile())) {
        assertThat(git.getRepository().resolve("refs/heads/main").name()).isEqualTo(ws.base().id());
      }
    }
  }

  @Test
  void treeId_isTheSame_forCheckpointsWithTheSameFiles() throws Exception {
    Path repo = userRepo();
    try (GitWorkspace ws = GitWorkspace.builder(repo).runId("r-tree").open()) {
      ws.apply(Edit.patch(DIFF));
      Checkpoint edited = ws.commit("iteration 1");
      ws.apply(Edit.writeFile("src/lib.rs", "pub fn one() -> i32 {\n    1\n}\n"));
      Checkpoint reverted = ws.commit("iteration 2");

      assertThat(reverted).isNotEqualTo(ws.base());
      assertThat(ws.treeId(reverted)).isEqualTo(ws.treeId(ws.base()));
      assertThat(ws.treeId(edited)).isNotEqualTo(ws.treeId(ws.base())).hasSize(40);
    }
  }

  @Test
  void rollback_removesUntrackedFilesAndRestoresContent() throws Exception {
    Path repo = userRepo();
    try (GitWorkspace ws = GitWorkspace.builder(repo).runId("r5").open()) {
      ws.apply(Edit.patch(DIFF));
      ws.commit("iteration 1");
      Files.writeString(ws.root().resolve("stray.txt"), "left by a tool\n");

      ws.rollback(ws.base());

      assertThat(ws.root().resolve("stray.txt")).doesNotExist();
      assertThat(ws.read("src/lib.rs")).contains("pub fn one() -> i32 {\n    1\n}\n");
      assertThat(ws.head()).isEqualTo(ws.base());
      try (Git git = Git.open(ws.root().toFile())) {
        assertThat(git.status().call().isClean()).isTrue();
      }
    }
  }

  @Test
  void commit_stagesDeletionsAndRenames() throws Exception {
    Path repo = userRepo();
    try (GitWorkspace ws = GitWorkspace.builder(repo).runId("r6").open()) {
      ws.apply(Edit.patch("""
          diff --git a/README.md b/docs/README.md
          similarity index 100%
          rename from README.md
          rename to docs/README.md
          """));
      ws.commit("move readme");

      try (Git git = Git.open(ws.root().toFile())) {
        assertThat(git.status().call().isClean()).isTrue();
      }
      assertThat(ws.diff()).contains("rename to docs/README.md");
    }
  }

  @Test
  void open_initialisesPlainFolder() throws Exception {
    Path plain = dir.resolve("plain");
    Files.createDirectories(plain.resolve("src"));
    Files.writeString(plain.resolve("src/lib.rs"), "pub fn one() -> i32 {\n    1\n}\n");
    try (GitWorkspace ws = GitWorkspace.builder(plain).runId("p1").open()) {
      assertThat(ws.read("src/lib.rs")).isPresent();
      assertThat(ws.branch()).isEqualTo("ratchet/p1");
    }
    try (Git git = Git.open(plain.toFile())) {
      assertThat(git.getRepository().resolve(Constants.HEAD)).isNotNull();
    }
  }

  @Test
  void resume_discardsUncommittedWork() throws Exception {
    Path repo = userRepo();
    Path tree = dir.resolve("work");
    Checkpoint base;
    Checkpoint c;
    try (GitWorkspace ws = GitWorkspace.builder(repo).runId("r7").workTree(tree).open()) {
      base = ws.base();
      ws.apply(Edit.patch(DIFF));
      c = ws.commit("iteration 1");
      Files.writeString(tree.resolve("README.md"), "half-written\n");
    }
    try (GitWorkspace ws = GitWorkspace.builder(repo).runId("r7").workTree(tree)
        .resume(base).open()) {
      assertThat(ws.head()).isEqualTo(c);
      assertThat(ws.read("README.md")).contains("hello\n");
      assertThat(ws.diff()).contains("+    2");
    }
  }
}
