package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** {@code ratchet models probe} against a local fake server. */
class ModelsProbeTest {

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(body).build();
  }

  private static String completion(String message, String finish) {
    return "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"qwen\","
        + "\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"" + finish
        + "\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";
  }

  @Test
  void probe_listsServedModelsAndContext_andNamesTheChannel() throws Exception {
    dev.ratchet.llm.CapabilityProbe.clearCache();
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(json("{\"object\":\"list\",\"data\":[{\"id\":\"qwen\",\"max_model_len\":"
          + "131072}]}"));
      server.enqueue(json("{\"object\":\"list\",\"data\":[{\"id\":\"qwen\"}]}"));
      server.enqueue(json(completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
          + "[{\"id\":\"t\",\"type\":\"function\",\"function\":{\"name\":\"report\","
          + "\"arguments\":\"{\\\"word\\\":\\\"ok\\\"}\"}}]}", "tool_calls")));
      server.enqueue(json(completion("{\"role\":\"assistant\",\"content\":\"{\\\"ok\\\": true}\"}",
          "stop")));
      server.start(InetAddress.getLoopbackAddress(), 0);

      CliRun run = CliRun.of("models", "probe", server.url("/v1").toString(), "--model", "qwen");

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).contains("served:   qwen", "context:  131072 tokens", "tools:    yes",
          "json:     yes", "channel:  tools");
    }
  }

  @Test
  void probe_saysTheServerCannotBeReached() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
        InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }

    CliRun run = CliRun.of("models", "probe", "http://127.0.0.1:" + port + "/v1");

    assertThat(run.exit()).isEqualTo(Exit.ENVIRONMENT);
    assertThat(run.err()).contains("cannot reach", "is the server running?");
  }

  @Test
  void probe_ofAServerThatIsNotThere_isAnEnvironmentError_notAPlainModel() throws Exception {
    dev.ratchet.llm.CapabilityProbe.clearCache();
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }

    CliRun run = CliRun.of("models", "probe", "http://127.0.0.1:" + port, "--ollama", "--model",
        "qwen");

    assertThat(run.exit()).as(run.out()).isEqualTo(Exit.ENVIRONMENT);
    assertThat(run.err()).contains("did not answer");
    assertThat(run.out()).doesNotContain("channel:  text");
  }
}
