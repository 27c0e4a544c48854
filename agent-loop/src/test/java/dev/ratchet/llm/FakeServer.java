package dev.ratchet.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A local stand-in for a model server (127.0.0.1, a port of its own): replies are queued as the
 * bodies real servers send, and every request is recorded for exact assertions.
 */
final class FakeServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  final MockWebServer server = new MockWebServer();

  FakeServer() {
    try {
      server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The OpenAI-compatible base URL, {@code http://127.0.0.1:PORT/v1}. */
  String v1() {
    return server.url("/v1").toString();
  }

  /** The server root (Ollama's base URL). */
  String root() {
    return server.url("/").toString().replaceAll("/$", "");
  }

  FakeServer json(String body) {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json").body(body).build());
    return this;
  }

  FakeServer status(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body).build());
    return this;
  }

  FakeServer slow(long seconds, String body) {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(seconds, TimeUnit.SECONDS)
        .addHeader("Content-Type", "application/json").body(body).build());
    return this;
  }

  FakeServer reset() {
    server.enqueue(new MockResponse.Builder()
        .onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build());
    return this;
  }

  /** The next recorded request's body as JSON. */
  JsonNode request() {
    try {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("the client sent no request");
      }
      return JSON.readTree(r.getBody().utf8());
    } catch (InterruptedException | IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The next recorded request's target, such as {@code /v1/chat/completions}. */
  String target() {
    try {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      return r == null ? "" : r.getTarget();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  int requestCount() {
    return server.getRequestCount();
  }

  @Override
  public void close() {
    server.close();
  }

  /** An OpenAI chat completion whose message has this content and no tool call. */
  static String text(String content) {
    return completion(JSON.createObjectNode().put("role", "assistant").put("content", content),
        "stop", true);
  }

  /** An OpenAI chat completion with tool calls given as (id, name, arguments JSON string). */
  static String toolCalls(String finishReason, String... idNameArgs) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    var calls = message.putArray("tool_calls");
    for (int i = 0; i < idNameArgs.length; i += 3) {
      ObjectNode call = calls.addObject().put("id", idNameArgs[i]).put("type", "function");
      call.putObject("function").put("name", idNameArgs[i + 1])
          .put("arguments", idNameArgs[i + 2]);
    }
    return completion(message, finishReason, true);
  }

  static String completion(ObjectNode message, String finishReason, boolean usage) {
    ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1")
        .put("object", "chat.completion").put("created", 1700000000).put("model", "served-model");
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", finishReason);
    if (usage) {
      body.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", 30)
          .put("total_tokens", 150);
    }
    return body.toString();
  }

  /** vLLM's shape: reasoning_content, empty content, two tool calls, extra fields. */
  static final String VLLM_TWO_TOOLS = """
      {"id":"chatcmpl-9f","object":"chat.completion","created":1764000000,"model":"Qwen/Qwen3.5-27B",
       "choices":[{"index":0,"message":{"role":"assistant","content":"",
         "reasoning_content":"The test expects 2; read the file first, then patch.",
         "tool_calls":[
           {"id":"chatcmpl-tool-a1","type":"function","function":{"name":"read_file","arguments":"{\\"path\\": \\"src/lib.rs\\", \\"start\\": 1, \\"end\\": 20}"}},
           {"id":"chatcmpl-tool-b2","type":"function","function":{"name":"apply_patch","arguments":"{\\"diff\\": \\"--- a/src/lib.rs\\\\n+++ b/src/lib.rs\\\\n@@ -1,3 +1,3 @@\\\\n pub fn one() -> i32 {\\\\n-    1\\\\n+    2\\\\n }\\\\n\\"}"}}]},
         "logprobs":null,"finish_reason":"tool_calls","stop_reason":null}],
       "usage":{"prompt_tokens":812,"total_tokens":901,"completion_tokens":89,"prompt_tokens_details":null},
       "prompt_logprobs":null,"kv_transfer_params":null,"system_fingerprint":null,"service_tier":null}
      """;

  /** SGLang's shape: content null, one call, matched_stop. */
  static final String SGLANG_ONE_TOOL = """
      {"id":"7b0c","object":"chat.completion","created":1764000001,"model":"default",
       "choices":[{"index":0,"message":{"role":"assistant","content":null,"reasoning_content":null,
         "tool_calls":[{"id":"call_0","index":0,"type":"function","function":{"name":"finish","arguments":"{\\"summary\\": \\"done\\"}"}}]},
         "logprobs":null,"finish_reason":"tool_calls","matched_stop":null}],
       "usage":{"prompt_tokens":50,"total_tokens":60,"completion_tokens":10}}
      """;

  /** LMDeploy's shape: tool call ids as plain numbers in strings. */
  static final String LMDEPLOY_ONE_TOOL = """
      {"id":"1","object":"chat.completion","created":1764000002,"model":"internvl",
       "choices":[{"index":0,"message":{"role":"assistant","content":"","tool_calls":[
         {"id":"0","type":"function","function":{"name":"write_file","arguments":"{\\"path\\": \\"src/new.rs\\", \\"content\\": \\"pub fn x() {}\\\\n\\"}"}}]},
         "logprobs":null,"finish_reason":"tool_calls"}],
       "usage":{"prompt_tokens":40,"total_tokens":48,"completion_tokens":8}}
      """;

  /** llama.cpp server's shape: timings, content with the call id random. */
  static final String LLAMACPP_ONE_TOOL = """
      {"choices":[{"finish_reason":"tool_calls","index":0,"message":{"role":"assistant","content":null,
         "tool_calls":[{"type":"function","function":{"name":"run_command","arguments":"{\\"argv\\":[\\"cargo\\",\\"test\\"]}"},"id":"Xq3R"}]}}],
       "created":1764000003,"model":"gpt-3.5-turbo","system_fingerprint":"b6000","object":"chat.completion",
       "usage":{"completion_tokens":12,"prompt_tokens":64,"total_tokens":76},"id":"chatcmpl-abc",
       "timings":{"prompt_n":64,"predicted_n":12}}
      """;

  /** Ollama's native /api/chat: tool arguments as an object, no call id. */
  static final String OLLAMA_ONE_TOOL = """
      {"model":"qwen3.5:27b","created_at":"2026-12-04T10:00:00Z","message":{"role":"assistant","content":"",
        "tool_calls":[{"function":{"name":"edit","arguments":{"path":"src/lib.rs","search":"    1\\n","replace":"    2\\n"}}}]},
       "done_reason":"stop","done":true,"total_duration":1,"prompt_eval_count":33,"eval_count":7}
      """;

  static List<String> names(JsonNode tools) {
    return tools.findValuesAsText("name");
  }
}
