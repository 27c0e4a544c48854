package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.engine.AgentLoop;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.testkit.FakeGate;
import dev.ratchet.testkit.ScriptedModelClient;
import dev.ratchet.transcript.Json;
import dev.ratchet.transcript.TranscriptWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  static final String LIB = "pub fn answer() -> i32 {\n    41\n}\n";

  /** Misses: the model misremembers the line. */
  static final String WRONG = "src/lib.rs\n<<<<<<< SEARCH\n    40\n=======\n    42\n"
      + ">>>>>>> REPLACE\n";

  /** Fits, with a wrong hunk header, in a fence with prose. */
  static final String FIX = "Change the constant:\n```diff\n--- a/src/lib.rs\n+++ b/src/lib.rs\n"
      + "@@ -10,3 +10,3 @@\n pub fn answer() -> i32 {\n-    41\n+    42\n }\n```\n";

  @TempDir Path dir;
  Path copy;
  Path transcript;
  LoopResult recorded;

  /** Records a two-iteration run (a rejected edit, then the fix) on a repo, keeping a copy. */
  @BeforeEach
  void record() {
    Path repo = TestRepo.git(dir.resolve("repo"), Map.of("src/lib.rs", LIB));
    copy = TestRepo.copy(repo, dir.resolve("copy"));
    transcript = dir.resolve("run.jsonl");
    FakeGate test = FakeGate.of("test", ctx -> ctx.workspace().read("src/lib.rs").orElse("")
        .contains("42") ? GateResult.of("test", GateStatus.PASS, "1 passed")
        : GateResult.of("test", GateStatus.FAIL, "answer_is_42 failed: left 41, right 42"));
    ScriptedModelClient model = ScriptedModelClient.inOrder(
        ModelReply.of("first try", List.of(Edit.patch(WRONG)), new TokenUsage(100, 20)),
        ModelReply.of("second try", List.of(Edit.patch(FIX)), new TokenUsage(120, 30)));
    try (TranscriptWriter writer = TranscriptWriter.open(transcript);
        GitWorkspace ws = GitWorkspace.builder(repo).runId("recorded").open()) {
      recorded = AgentLoop.builder().model(model).workspace(ws).gate(test).listener(writer)
          .build().run(Task.of("answer", "make answer() return 42"));
    }
    assertThat(recorded.outcome()).isEqualTo(LoopResult.Outcome.ACCEPTED);
    assertThat(recorded.iterations()).hasSize(2);
  }

  @Test
  void replay_exits0_withRecordedDiff_whenReplayedOnCopyOfRecordedRepo() throws Exception {
    Map<String, String> filesBefore = TestRepo.snapshot(copy);
    String headBefore = head(copy);

    CliRun run = CliRun.of("replay", transcript.toString(), "--repo", copy.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("outcome: ACCEPTED (recorded: ACCEPTED)")
        .contains("iterations: 2 (recorded: 2)")
        .contains("  1. rejected edit; gates: not run; continue")
        .contains("  2. applied; gates: test PASS; accept: all gates pass after iteration 2")
        .contains(recorded.diff())
        .contains("the replay matches the recorded run");
    assertThat(recorded.diff()).contains("+    42");
    assertThat(TestRepo.snapshot(copy)).isEqualTo(filesBefore);
    assertThat(head(copy)).isEqualTo(headBefore);
  }

  @Test
  void replay_printsLoopResultJson_whenJsonIsSet() throws Exception {
    CliRun run = CliRun.of("replay", "--json", transcript.toString(), "--repo",
        copy.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    LoopResult replayed = Json.mapper().readValue(run.out(), LoopResult.class);
    assertThat(replayed.outcome()).isEqualTo(LoopResult.Outcome.ACCEPTED);
    assertThat(replayed.diff()).isEqualTo(recorded.diff());
    assertThat(replayed.runId()).isNotEqualTo(recorded.runId());
    assertThat(replayed.reason()).contains("on branch ratchet/" + replayed.runId() + " of ");
  }

  @Test
  void replay_exits1_andSaysWhatDiffered_whenRepoContentDiffers() {
    Path other = TestRepo.git(dir.resolve("other"), Map.of("src/lib.rs",
        "pub fn answer() -> i32 {\n    7\n}\n"));

    CliRun run = CliRun.of("replay", transcript.toString(), "--repo", other.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("outcome: STOPPED (recorded: ACCEPTED)");
    assertThat(run.err())
        .contains("note: ")
        .contains("the replay differs from the recorded run")
        .contains("outcome: recorded ACCEPTED")
        .contains("diff: ");
  }

  @Test
  void replay_exits4_whenTranscriptIsMissing() {
    CliRun run = CliRun.of("replay", dir.resolve("none.jsonl").toString(), "--repo",
        copy.toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).startsWith("ratchet: no readable transcript at ").hasLineCount(1);
  }

  @Test
  void replay_exits4_whenRepoIsNotGitRepository() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));

    CliRun run = CliRun.of("replay", transcript.toString(), "--repo", plain.toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).contains("is not the root of a git repository").hasLineCount(1);
    assertThat(plain.resolve(".git")).doesNotExist();
  }

  @Test
  void replay_exits4_whenRecordedRunDidNotFinish() throws Exception {
    List<String> lines = Files.readAllLines(transcript);
    Files.write(transcript, lines.subList(0, lines.size() - 1));

    CliRun run = CliRun.of("replay", transcript.toString(), "--repo", copy.toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).contains("ends before the run finished");
  }

  @Test
  void replay_exits2_whenRepoOptionIsMissing() {
    CliRun run = CliRun.of("replay", transcript.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--repo");
  }

  private static String head(Path repo) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      return git.getRepository().resolve("refs/heads/main").name();
    }
  }
}
