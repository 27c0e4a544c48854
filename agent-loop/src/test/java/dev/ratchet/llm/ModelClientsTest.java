package dev.ratchet.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.RatchetException;
import dev.ratchet.RetriableException;
import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.action.InvalidCall;
import dev.ratchet.action.ReadFile;
import dev.ratchet.action.RunCommand;
import dev.ratchet.loop.ActionOutcome;
import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.Task;
import dev.ratchet.model.Attachment;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import dev.ratchet.workspace.Checkpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The clients against a fake server: the exact requests sent, and what replies become. */
class ModelClientsTest {

  private final FakeServer server = new FakeServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private static ModelRequest request() {
    return new ModelRequest(1, Task.of("t", "Make one() return 2."), "You fix Rust code.",
        List.of(), "Gates: test FAIL", List.of(), List.of());
  }

  private ModelClient tools() {
    return ModelClients.openAi(server.v1(), "served-model").channel(Channel.TOOLS)
        .temperature(0.2).seed(7).maxTokens(4096).build();
  }

  @Test
  void tools_sendsTheSixToolsWithSamplingSettings_overHttp11() {
    server.json(FakeServer.text("ok"));

    tools().reply(request());
    JsonNode sent = server.request();

    assertThat(FakeServer.names(sent.path("tools"))).containsExactlyInAnyOrder("apply_patch",
        "edit", "write_file", "read_file", "run_command", "finish");
    assertThat(sent.path("tool_choice").asText()).isEqualTo("auto");
    assertThat(sent.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(sent.path("seed").asInt()).isEqualTo(7);
    assertThat(sent.path("max_tokens").asInt()).isEqualTo(4096);
    assertThat(sent.path("model").asText()).isEqualTo("served-model");
    assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("system");
    assertThat(sent.path("messages").get(1).toString()).contains("Make one() return 2.",
        "Gates: test FAIL");
  }

  @Test
  void tools_turnsVllmsTwoCallsIntoActions_keepingReasoningAndIds() {
    server.json(FakeServer.VLLM_TWO_TOOLS);

    ModelReply reply = tools().reply(request());

    assertThat(reply.actions()).hasSize(2);
    assertThat(reply.actions().get(0)).isEqualTo(new ReadFile("src/lib.rs", 1, 20));
    assertThat(reply.actions().get(1)).isInstanceOfSatisfying(Edit.Patch.class,
        p -> assertThat(p.text()).contains("+    2"));
    assertThat(reply.metadata()).containsEntry(ChatModelClient.CALL_IDS,
        "chatcmpl-tool-a1,chatcmpl-tool-b2");
    assertThat(reply.metadata().get(ChatModelClient.REASONING)).contains("read the file first");
    assertThat(reply.finishReason()).isEqualTo(ModelReply.FinishReason.TOOL_CALLS);
    assertThat(reply.usage().inputTokens()).isEqualTo(812);
    assertThat(reply.usage().estimated()).isFalse();
  }

  @Test
  void tools_readsSglangLmdeployAndLlamaCppShapes() {
    server.json(FakeServer.SGLANG_ONE_TOOL).json(FakeServer.LMDEPLOY_ONE_TOOL)
        .json(FakeServer.LLAMACPP_ONE_TOOL);
    ModelClient client = tools();

    assertThat(client.reply(request()).actions()).containsExactly(new Finish("done"));
    assertThat(client.reply(request()).actions()).containsExactly(
        Edit.writeFile("src/new.rs", "pub fn x() {}\n"));
    assertThat(client.reply(request()).actions()).containsExactly(
        new RunCommand(List.of("cargo", "test")));
  }

  @Test
  void tools_turnsMalformedArgumentsAndUnknownToolsIntoInvalidCalls() {
    server.json(FakeServer.toolCalls("tool_calls", "c1", "apply_patch", "{\"diff\": ",
        "c2", "delete_repo", "{}"));

    ModelReply reply = tools().reply(request());

    assertThat(reply.actions()).hasSize(2).allMatch(a -> a instanceof InvalidCall);
    assertThat(((InvalidCall) reply.actions().get(1)).problem()).contains("apply_patch");
  }

  @Test
  void reply_marksLengthCutReplies_andEstimatesMissingUsage() {
    ObjectNodes.noUsage(server, "```diff\n--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -1 +1 @@\n-a\n");

    ModelReply reply = ModelClients.openAi(server.v1(), "m").channel(Channel.TEXT).build()
        .reply(request());

    assertThat(reply.finishReason()).isEqualTo(ModelReply.FinishReason.LENGTH);
    assertThat(reply.usage().estimated()).isTrue();
    assertThat(reply.usage().inputTokens()).isPositive();
    assertThat(reply.metadata()).containsEntry(ChatModelClient.ESTIMATED, "true");
  }

  @Test
  void text_sendsTheProtocolAndReadsAFencedDiff() {
    server.json(FakeServer.text("The fix:\n```diff\n--- a/src/lib.rs\n+++ b/src/lib.rs\n"
        + "@@ -1,3 +1,3 @@\n pub fn one() -> i32 {\n-    1\n+    2\n }\n```\n"));

    ModelReply reply = ModelClients.openAi(server.v1(), "m").channel(Channel.TEXT).build()
        .reply(request());
    JsonNode sent = server.request();

    assertThat(sent.has("tools")).isFalse();
    assertThat(sent.path("messages").get(0).path("content").asText())
        .contains(TextProtocol.instructions());
    assertThat(reply.actions()).singleElement().isInstanceOf(Edit.Patch.class);
  }

  @Test
  void jsonSchema_sendsAStrictSchema_andReadsTheActions() {
    server.json(FakeServer.text("{\"thinking\": \"patch it\", \"actions\": [{\"tool\": \"finish\","
        + " \"summary\": \"nothing to do\"}]}"));

    ModelReply reply = ModelClients.openAi(server.v1(), "m").channel(Channel.JSON_SCHEMA).build()
        .reply(request());
    JsonNode format = server.request().path("response_format");

    assertThat(format.path("type").asText()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
    assertThat(format.path("json_schema").path("name").asText()).isEqualTo("RatchetReply");
    assertThat(reply.actions()).containsExactly(new Finish("nothing to do"));
  }

  @Test
  void images_goAsDataUrlsWithHighDetail_onlyToModelsThatTakeThem() {
    Attachment png = new Attachment("ci.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    ModelRequest withImage = new ModelRequest(1, new Task("t", "See the log.", List.of(png)), "",
        List.of(), "", List.of(), List.of());
    server.json(FakeServer.text("ok")).json(FakeServer.text("ok"));

    ModelClients.openAi(server.v1(), "vl").channel(Channel.TEXT).takesImages(true).build()
        .reply(withImage);
    JsonNode image = server.request().path("messages").get(1).path("content").get(1);
    ModelClients.openAi(server.v1(), "m").channel(Channel.TEXT).describeImages().build()
        .reply(withImage);
    String described = server.request().path("messages").get(1).toString();

    assertThat(image.path("type").asText()).isEqualTo("image_url");
    assertThat(image.path("image_url").path("url").asText()).startsWith("data:image/png;base64,");
    assertThat(image.path("image_url").path("detail").asText()).isEqualTo("high");
    assertThat(described).contains("[image ci.png omitted").doesNotContain("base64");
    assertThatThrownBy(() -> ModelClients.openAi(server.v1(), "m").channel(Channel.TEXT).build()
            .reply(withImage))
        .isInstanceOf(RatchetException.class).hasMessageContaining("does not take images");
  }

  @Test
  void history_isReplayedAsToolCallsWithTheirResults() {
    server.json(FakeServer.text("ok"));
    ModelReply earlier = new ModelReply("", List.of(Edit.patch("--- a/x\n+++ b/x\n")),
        dev.ratchet.model.TokenUsage.ZERO, ModelReply.FinishReason.TOOL_CALLS,
        java.util.Map.of(ChatModelClient.CALL_IDS, "call_abc"));
    Iteration one = new Iteration(1, earlier, List.of(new ActionOutcome(earlier.actions().get(0),
        ActionOutcome.Status.REJECTED, "no such file x")), List.of(), new Checkpoint("0".repeat(40)),
        Duration.ZERO);
    ModelRequest second = new ModelRequest(2, Task.of("t", "fix"), "", List.of(one),
        "Iteration 1: rejected", List.of(), List.of());

    tools().reply(second);
    JsonNode messages = server.request().path("messages");

    assertThat(messages.toString()).contains("\"tool_calls\"", "call_abc", "apply_patch");
    assertThat(messages.findValues("role").stream().map(JsonNode::asText).toList())
        .containsSubsequence("user", "assistant", "tool", "user");
    assertThat(messages.findValuesAsText("tool_call_id")).containsExactly("call_abc");
    assertThat(messages.toString()).contains("no such file x", "Iteration 1: rejected");
  }

  @Test
  void faults_areSortedIntoRetriableAndFinal() {
    server.status(429, "{\"error\":{\"message\":\"slow down\"}}")
        .status(503, "{\"error\":{\"message\":\"overloaded\"}}")
        .status(401, "{\"error\":{\"message\":\"bad key\"}}")
        .status(404, "{\"error\":{\"message\":\"no model\"}}")
        .status(400, "{\"error\":{\"message\":\"auto tool choice requires flags\"}}")
        .reset();
    ModelClient client = tools();

    assertThatThrownBy(() -> client.reply(request())).isInstanceOf(RetriableException.class)
        .hasMessageContaining("429");
    assertThatThrownBy(() -> client.reply(request())).isInstanceOf(RetriableException.class)
        .hasMessageContaining("503");
    assertThatThrownBy(() -> client.reply(request())).isNotInstanceOf(RetriableException.class)
        .isInstanceOf(RatchetException.class).hasMessageContaining("API key");
    assertThatThrownBy(() -> client.reply(request())).isNotInstanceOf(RetriableException.class)
        .hasMessageContaining("does not serve model 'served-model'");
    assertThatThrownBy(() -> client.reply(request())).isNotInstanceOf(RetriableException.class)
        .hasMessageContaining("--enable-auto-tool-choice");
    assertThatThrownBy(() -> client.reply(request())).isInstanceOf(RetriableException.class);
  }

  @Test
  void timeout_isRetriable_andComesAtTheConfiguredTime() {
    server.slow(5, FakeServer.text("late"));
    ModelClient client = ModelClients.openAi(server.v1(), "m").channel(Channel.TEXT)
        .timeout(Duration.ofSeconds(1)).build();

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.reply(request())).isInstanceOf(RetriableException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void auto_probesTheServer_andPicksToolsWhenTheyWork() {
    CapabilityProbe.clearCache();
    server.json("{\"object\":\"list\",\"data\":[{\"id\":\"served-model\",\"object\":\"model\","
        + "\"max_model_len\":32768}]}")
        .json(FakeServer.toolCalls("tool_calls", "p1", "report", "{\"word\": \"ok\"}"))
        .json(FakeServer.text("{\"ok\": true}"))
        .json(FakeServer.text("done"));

    ModelClients.openAi(server.v1(), "served-model").build().reply(request());

    assertThat(server.target()).isEqualTo("/v1/models");
    assertThat(server.request().path("tool_choice").asText()).isEqualTo("required");
    assertThat(server.request().path("response_format").path("type").asText())
        .isEqualTo("json_schema");
    assertThat(server.request().has("tools")).as("the real request uses tools").isTrue();
  }

  @Test
  void auto_aServerThatIsDown_isNotTakenForAPlainOne_andIsProbedAgainNextTime() {
    CapabilityProbe.clearCache();
    server.status(404, "no list").status(503, "{\"error\":{\"message\":\"loading\"}}");
    var client = ModelClients.openAi(server.v1(), "flaky").build();

    assertThatThrownBy(() -> client.reply(request())).isInstanceOf(RetriableException.class)
        .hasMessageContaining("503");

    server.status(404, "no list")
        .json(FakeServer.toolCalls("tool_calls", "p1", "report", "{\"word\": \"ok\"}"))
        .json(FakeServer.text("{\"ok\": true}"))
        .json(FakeServer.text("done"));
    client.reply(request());
    server.target();
    server.request();
    server.target();
    server.request();
    server.request();
    assertThat(server.request().has("tools")).as("tools, once the server answered").isTrue();
  }

  @Test
  void auto_fallsBackToText_whenNeitherToolsNorJsonWork() {
    CapabilityProbe.clearCache();
    server.status(404, "not here")
        .status(400, "{\"error\":{\"message\":\"tool choice not enabled\"}}")
        .json(FakeServer.text("sure! here is some json maybe"))
        .json(FakeServer.text("done"));

    ModelClients.openAi(server.v1(), "plain").build().reply(request());

    server.target();
    server.request();
    server.request();
    JsonNode real = server.request();
    assertThat(real.has("tools")).isFalse();
    assertThat(real.has("response_format")).isFalse();
    assertThat(real.path("messages").get(0).path("content").asText())
        .contains(TextProtocol.instructions());
  }

  @Test
  void ollama_talksToApiChat_andReadsObjectArguments() {
    server.json(FakeServer.OLLAMA_ONE_TOOL);

    ModelReply reply = ModelClients.ollama(server.root(), "qwen3.5:27b").channel(Channel.TOOLS)
        .seed(3).build().reply(request());

    assertThat(server.target()).isEqualTo("/api/chat");
    assertThat(reply.actions()).containsExactly(Edit.replace("src/lib.rs", "    1\n", "    2\n"));
    assertThat(reply.usage().inputTokens()).isEqualTo(33);
  }

  @Test
  void parse_readsCommandLineSpecs_andRefusesBadOnes() {
    assertThat(ModelClients.parse("openai:" + server.v1() + "#qwen").name())
        .isEqualTo("openai:qwen");
    assertThat(ModelClients.parse("ollama:http://127.0.0.1:11434#llama").name())
        .isEqualTo("ollama:llama");
    assertThatThrownBy(() -> ModelClients.parse("qwen")).isInstanceOf(
        IllegalArgumentException.class).hasMessageContaining("openai:http://127.0.0.1:8000/v1#");
    assertThatThrownBy(() -> ModelClients.parse("grpc:x#y")).isInstanceOf(
        IllegalArgumentException.class);
  }

  @Test
  void structured_sendsTheStrictSchema_andChecksTheAnswerAgainstIt() {
    String schema = "{\"type\":\"object\",\"additionalProperties\":false,"
        + "\"required\":[\"cause\",\"line\"],\"properties\":{\"cause\":{\"type\":\"string\"},"
        + "\"line\":{\"type\":\"integer\"}}}";
    server.json(FakeServer.text("{\"cause\": \"off by one\", \"line\": 12}"))
        .json(FakeServer.text("{\"cause\": \"off by one\"}"));
    StructuredAnswer diagnose = ModelClients.openAi(server.v1(), "m").buildStructured();

    JsonNode answer = diagnose.ask("", "Why does the test fail?", "Diagnosis", schema);
    JsonNode format = server.request().path("response_format").path("json_schema");

    assertThat(answer.path("line").asInt()).isEqualTo(12);
    assertThat(format.path("name").asText()).isEqualTo("Diagnosis");
    assertThat(format.path("strict").asBoolean()).isTrue();
    assertThat(format.path("schema").path("additionalProperties").asBoolean(true)).isFalse();
    assertThatThrownBy(() -> diagnose.ask("", "Again?", "Diagnosis", schema))
        .isInstanceOf(RatchetException.class).hasMessageContaining("does not match")
        .hasMessageContaining("line");
  }

  /** Small body builders that need Jackson nodes. */
  static final class ObjectNodes {
    static void noUsage(FakeServer server, String content) {
      var message = FakeServer.JSON.createObjectNode().put("role", "assistant")
          .put("content", content);
      server.json(FakeServer.completion(message, "length", false));
    }
  }
}
