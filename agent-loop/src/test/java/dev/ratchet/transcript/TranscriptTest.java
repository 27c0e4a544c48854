package dev.ratchet.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.action.ReadFile;
import dev.ratchet.engine.AgentLoop;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.git.TestRepos;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.loop.LoopListener;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.Attachment;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.testkit.FakeGate;
import dev.ratchet.testkit.ScriptedModelClient;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {
  static final String FIX = "src/lib.rs\n<<<<<<< SEARCH\n    1\n=======\n    2\n>>>>>>> REPLACE\n";
  static final String BAD = "src/lib.rs\n<<<<<<< SEARCH\n    7\n=======\n    2\n>>>>>>> REPLACE\n";

  @TempDir Path dir;

  LoopResult record(Path repo, Path transcript, List<LoopEvent> seen) {
    FakeGate gate = FakeGate.of("test", ctx -> ctx.workspace().read("src/lib.rs").orElse("")
        .contains("2") ? GateResult.of("test", GateStatus.PASS, "ok")
        : GateResult.of("test", GateStatus.FAIL, "1 test fails"));
    Task task = new Task("t", "return 2", List.of(new Attachment("log.png", "image/png",
        new byte[] {(byte) 0x89, 'P', 'N', 'G'})));
    try (TranscriptWriter writer = TranscriptWriter.open(transcript);
        GitWorkspace ws = GitWorkspace.builder(repo).runId("rec").open()) {
      ScriptedModelClient model = ScriptedModelClient.inOrder(
          ModelReply.of("first try", List.of(Edit.patch(BAD), ReadFile.of("src/lib.rs")),
              new TokenUsage(10, 5)),
          ModelReply.of("second", List.of(Edit.patch(FIX)), new TokenUsage(12, 6)));
      return AgentLoop.builder().model(model).workspace(ws).gate(gate).listener(writer)
          .listener(LoopListener.of(seen::add)).runId("rec").build().run(task);
    }
  }

  @Test
  void transcript_roundTripsEveryEvent() {
    Path repo = TestRepos.create(dir.resolve("repo"), Map.of("src/lib.rs", "fn f() -> i32 {\n    1\n}\n"));
    Path file = dir.resolve("run.jsonl");
    List<LoopEvent> seen = new ArrayList<>();

    LoopResult result = record(repo, file, seen);
    TranscriptReader.Transcript read = TranscriptReader.read(file);

    assertThat(result.accepted()).isTrue();
    assertThat(read.events()).hasSameSizeAs(seen);
    for (int i = 0; i < seen.size(); i++) {
      if (!(seen.get(i) instanceof LoopEvent.RequestSent)) {
        assertThat(read.events().get(i)).isEqualTo(seen.get(i));
      }
    }
    assertThat(read.events()).filteredOn(LoopEvent.RequestSent.class::isInstance)
        .allSatisfy(e -> assertThat(((LoopEvent.RequestSent) e).request().history()).isEmpty());
    assertThat(read.result()).contains(result);
    assertThat(read.resumePoint().tokens()).isEqualTo(new TokenUsage(22, 11));
  }

  @Test
  void reader_ignoresTornLastLine_andRejectsGarbageInside() throws Exception {
    Path repo = TestRepos.create(dir.resolve("repo"), Map.of("src/lib.rs", "fn f() -> i32 {\n    1\n}\n"));
    Path file = dir.resolve("run.jsonl");
    record(repo, file, new ArrayList<>());
    List<String> lines = Files.readAllLines(file);
    Files.writeString(file, String.join("\n", lines.subList(0, 5)) + "\n{\"seq\":6,\"ev");

    assertThat(TranscriptReader.read(file).events()).hasSize(5);

    Files.writeString(file, "garbage\n" + String.join("\n", lines) + "\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TranscriptReader.read(file))
        .hasMessageContaining("Line 1");
  }

  @Test
  void replay_reproducesRecordedRun_withoutModelOrGates() {
    Path repo = TestRepos.create(dir.resolve("repo"), Map.of("src/lib.rs", "fn f() -> i32 {\n    1\n}\n"));
    Path copy = TestRepos.create(dir.resolve("copy"), Map.of("src/lib.rs", "fn f() -> i32 {\n    1\n}\n"));
    Path file = dir.resolve("run.jsonl");
    LoopResult recorded = record(repo, file, new ArrayList<>());
    TranscriptReader.Transcript t = TranscriptReader.read(file);

    LoopResult replayed;
    try (GitWorkspace ws = GitWorkspace.builder(copy).runId("replay").open()) {
      replayed = AgentLoop.builder().model(ReplayModelClient.of(t)).workspace(ws)
          .gates(ReplayGates.of(t)).build().run(t.task());
    }

    assertThat(replayed.outcome()).isEqualTo(recorded.outcome());
    assertThat(replayed.decisions()).isEqualTo(recorded.decisions());
    assertThat(replayed.diff()).isEqualTo(recorded.diff());
  }
}
