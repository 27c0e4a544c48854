package dev.ratchet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.testkit.FakeGate;
import dev.ratchet.testkit.FakeSandbox;
import dev.ratchet.testkit.GitRepos;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Example 2 against a local stand-in for vLLM (127.0.0.1, its own port): the model's tool call
 * fixes the crate, the gate passes, the loop accepts; the request carried the tools.
 */
class ToolCallingAgentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path repo;

  @Test
  void toolCallFromTheServer_editsTheCrate_andTheLoopAccepts() throws Exception {
    Files.createDirectories(repo.resolve("src"));
    Files.writeString(repo.resolve("src/lib.rs"), "pub fn two() -> i32 {\n    1\n}\n");
    GitRepos.commitAll(repo, "start");
    FakeGate test = FakeGate.of("test", ctx -> ctx.workspace().read("src/lib.rs").orElse("")
        .contains("    2\n") ? GateResult.of("test", GateStatus.PASS, "1 passed")
        : GateResult.of("test", GateStatus.FAIL, "two() returned 1, expected 2"));

    try (MockWebServer vllm = new MockWebServer()) {
      vllm.start(InetAddress.getLoopbackAddress(), 0);
      vllm.enqueue(new MockResponse.Builder().code(200)
          .addHeader("Content-Type", "application/json")
          .body(toolCall("edit", "{\"path\": \"src/lib.rs\", \"search\": \"    1\\n\","
              + " \"replace\": \"    2\\n\"}")).build());
      LoopResult result;
      try (GitWorkspace ws = GitWorkspace.builder(repo).open()) {
        result = ToolCallingAgent.run(
            ToolCallingAgent.model(vllm.url("/v1").toString(), "qwen"), ws, List.of(test),
            FakeSandbox.exitCode(0, ""), "Make two() return 2");
      }

      assertThat(result.accepted()).as(result.reason()).isTrue();
      assertThat(Files.readString(repo.resolve("src/lib.rs"))).contains("    2\n");
      RecordedRequest request = vllm.takeRequest();
      JsonNode body = JSON.readTree(request.getBody().utf8());
      assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
      assertThat(body.get("model").asText()).isEqualTo("qwen");
      assertThat(body.get("seed").asInt()).isEqualTo(7);
      assertThat(body.get("tools").findValuesAsText("name"))
          .contains("apply_patch", "edit", "write_file", "finish");
    }
  }

  /** An OpenAI chat completion as vLLM sends it, with one tool call. */
  private static String toolCall(String name, String arguments) {
    ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1")
        .put("object", "chat.completion").put("created", 1764000000).put("model", "qwen");
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", "");
    ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call-1")
        .put("type", "function");
    call.putObject("function").put("name", name).put("arguments", arguments);
    choice.put("finish_reason", "tool_calls");
    body.putObject("usage").put("prompt_tokens", 500).put("completion_tokens", 40)
        .put("total_tokens", 540);
    return body.toString();
  }
}
