package dev.ratchet.rust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.gate.Suggestion;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import dev.ratchet.testkit.FakeGate;
import dev.ratchet.testkit.FakeSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proposer turns suggestions into whole-file edits, one at a time, and ends by Finish. */
class SuggestionProposerTest {

  @TempDir Path tmp;

  private static Diagnostic unusedImport(int line) {
    return new Diagnostic(Diagnostic.Level.WARNING, "unused_imports", "unused import", "src/lib.rs",
        line, 5, "", List.of(new Suggestion("src/lib.rs", line, 1, line + 1, 1, "",
            Suggestion.Applicability.MACHINE_APPLICABLE)));
  }

  private static ModelRequest request(int iteration) {
    return new ModelRequest(iteration, Task.of("t", "fix"), "", List.of(), "", List.of(),
        List.of());
  }

  @Test
  void reply_proposesOneSuggestionAtATime_neverTheSameTwice_thenFinishes() {
    GateResult clippy = new GateResult("clippy", GateStatus.FAIL,
        List.of(unusedImport(1), unusedImport(2)), List.of(), Map.of(), "", "", Duration.ZERO);
    try (GitWorkspace ws = GateFixtures.workspace("passing", tmp)) {
      ws.apply(Edit.writeFile("src/lib.rs", "use a;\nuse b;\npub fn f() {}\n"));
      ws.commit("imports");
      SuggestionProposer proposer = SuggestionProposer.create(
          FakeGate.of("clippy", context -> clippy), ws, FakeSandbox.exitCode(0, ""),
          SuggestionProposer.Pace.ONE_AT_A_TIME);

      ModelReply first = proposer.reply(request(1));
      ModelReply second = proposer.reply(request(2));
      ModelReply third = proposer.reply(request(3));

      assertThat(first.actions()).singleElement().isEqualTo(
          Edit.writeFile("src/lib.rs", "use b;\npub fn f() {}\n"));
      assertThat(first.text()).contains("src/lib.rs:1:5 unused_imports");
      assertThat(second.actions()).singleElement().isEqualTo(
          Edit.writeFile("src/lib.rs", "use a;\npub fn f() {}\n"));
      assertThat(third.actions()).singleElement().isInstanceOf(Finish.class);
    }
  }

  @Test
  void reply_appliesEveryNonOverlappingSuggestion_whenAllAtOnce() {
    GateResult clippy = new GateResult("clippy", GateStatus.FAIL,
        List.of(unusedImport(1), unusedImport(2)), List.of(), Map.of(), "", "", Duration.ZERO);
    try (GitWorkspace ws = GateFixtures.workspace("passing", tmp)) {
      ws.apply(Edit.writeFile("src/lib.rs", "use a;\nuse b;\npub fn f() {}\n"));
      ws.commit("imports");
      SuggestionProposer proposer = SuggestionProposer.create(
          FakeGate.of("clippy", context -> clippy), ws, FakeSandbox.exitCode(0, ""),
          SuggestionProposer.Pace.ALL_AT_ONCE);

      assertThat(proposer.reply(request(1)).actions()).singleElement()
          .isEqualTo(Edit.writeFile("src/lib.rs", "pub fn f() {}\n"));
    }
  }
}
