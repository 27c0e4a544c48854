package dev.ratchet.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.engine.AgentLoop;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.git.TestRepos;
import dev.ratchet.loop.ActionOutcome;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.loop.LoopListener;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.testkit.FakeGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's reaction to what a real server does: faults, cut replies, botched tool calls. */
class LoopWithServerTest {

  private static final String LIB = "pub fn answer() -> i32 {\n    41\n}\n";
  private static final String FIX = "--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -1,3 +1,3 @@\n"
      + " pub fn answer() -> i32 {\n-    41\n+    42\n }\n";

  private final FakeServer server = new FakeServer();
  private final List<LoopEvent> events = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    server.close();
  }

  private GitWorkspace workspace() {
    return GitWorkspace.builder(TestRepos.create(dir.resolve("repo"), Map.of("src/lib.rs", LIB)))
        .runId("llm").open();
  }

  private LoopResult run(GitWorkspace ws) {
    FakeGate gate = FakeGate.of("test", ctx -> ctx.workspace().read("src/lib.rs").orElse("")
        .contains("42") ? GateResult.of("test", GateStatus.PASS, "ok")
        : GateResult.of("test", GateStatus.FAIL, "answer() returns 41; the test wants 42"));
    return AgentLoop.builder()
        .model(ModelClients.openAi(server.v1(), "m").channel(Channel.TOOLS).build())
        .workspace(ws).gate(gate).sleeper(d -> { })
        .modelRetries(2, Duration.ofMillis(1))
        .listener(LoopListener.of(events::add))
        .build().run(Task.of("fix", "Make answer() return 42."));
  }

  private static String patch() {
    return FakeServer.toolCalls("tool_calls", "c1", "apply_patch",
        FakeServer.JSON.createObjectNode().put("diff", FIX).toString());
  }

  @Test
  void rateLimit_isRetriedByTheLoop_andTheRunGoesOn() {
    server.status(429, "{\"error\":{\"message\":\"rate limited\"}}").json(patch());
    try (GitWorkspace ws = workspace()) {
      LoopResult result = run(ws);

      assertThat(result.accepted()).as(result.reason()).isTrue();
      assertThat(events).filteredOn(e -> e instanceof LoopEvent.ModelCallFailed).singleElement()
          .satisfies(e -> assertThat(((LoopEvent.ModelCallFailed) e).retriable()).isTrue());
      assertThat(server.requestCount()).isEqualTo(2);
    }
  }

  @Test
  void serverErrorsBeyondTheRetries_failTheRunCleanly() {
    server.status(500, "{}").status(500, "{}").status(500, "{}");
    try (GitWorkspace ws = workspace()) {
      LoopResult result = run(ws);

      assertThat(result.outcome()).isEqualTo(LoopResult.Outcome.FAILED);
      assertThat(result.reason()).contains("500", "after 3 attempts");
      assertThat(ws.read("src/lib.rs")).contains(LIB);
    }
  }

  @Test
  void cutReply_isNotApplied_andTheModelIsToldToSendLess() {
    server.json(FakeServer.toolCalls("length", "c1", "apply_patch",
            FakeServer.JSON.createObjectNode().put("diff", FIX).toString()))
        .json(patch());
    try (GitWorkspace ws = workspace()) {
      LoopResult result = run(ws);

      assertThat(result.accepted()).isTrue();
      assertThat(result.iterations().get(0).outcomes()).singleElement()
          .satisfies(o -> assertThat(o.status()).isEqualTo(ActionOutcome.Status.REJECTED));
      assertThat(server.request().toString()).doesNotContain("cut off");
      assertThat(server.request().toString()).contains("cut off at the output token limit");
    }
  }

  @Test
  void botchedToolCall_becomesFeedback_andTheNextCallFixesIt() {
    server.json(FakeServer.toolCalls("tool_calls", "c1", "apply_patch", "{\"patch\": \"x\"}"))
        .json(patch());
    try (GitWorkspace ws = workspace()) {
      LoopResult result = run(ws);

      assertThat(result.accepted()).isTrue();
      assertThat(result.iterations().get(0).outcomes()).singleElement()
          .satisfies(o -> assertThat(o.feedback()).contains("apply_patch", "diff"));
      server.request();
      assertThat(server.request().toString()).contains("was not understood");
    }
  }
}
