package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with an LLM client: {@code ratchet run --model openai:http://127.0.0.1:PORT/v1#fixer}
 * against a scripted OpenAI-compatible server whose tool call fixes the bundled crate; the patch
 * is applied, the real gates pass in Docker, the run is accepted.
 */
class RunWithModelServerIT {

  private static final Path TASK = Path.of("../examples/tasks/unused-variable");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void run_appliesTheServersToolCall_andTheGatesAcceptIt() throws Exception {
    RunCommandIT.requireDocker();
    String lib = Files.readString(TASK.resolve("crate/src/lib.rs"));
    Path repo = TestRepo.git(tmp.resolve("crate"), Map.of(
        "Cargo.toml", Files.readString(TASK.resolve("crate/Cargo.toml")),
        "src/lib.rs", lib));
    String fix = Files.readString(TASK.resolve("fix.diff"));
    List<String> bodies = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          bodies.add(request.getBody() == null ? "" : request.getBody().utf8());
          String reply = bodies.size() == 1
              ? toolCall("call_fix", "apply_patch", JSON.createObjectNode().put("diff", fix))
              : toolCall("call_done", "finish", JSON.createObjectNode().put("summary", "fixed"));
          return new MockResponse.Builder().code(200)
              .addHeader("Content-Type", "application/json").body(reply).build();
        }
      });
      server.start(InetAddress.getLoopbackAddress(), 0);
      String spec = "openai:" + server.url("/v1") + "#fixer";

      CliRun run = CliRun.of("run", "--repo", repo.toString(), "--model", spec,
          "--channel", "tools", "--max-iterations", "3");

      assertThat(run.exit()).as(run.err() + run.out()).isZero();
      assertThat(run.out()).contains("accepted", "test PASS");
      assertThat(Files.readString(repo.resolve("src/lib.rs")))
          .doesNotContain("let count = values.len();");
      assertThat(bodies).isNotEmpty();
      assertThat(bodies.get(0)).contains("\"apply_patch\"", "\"fixer\"", "unused variable");
    }
  }

  private static String toolCall(String id, String name, ObjectNode arguments) {
    ObjectNode body = JSON.createObjectNode().put("id", "c").put("object", "chat.completion")
        .put("created", 1).put("model", "fixer");
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    ObjectNode call = message.putArray("tool_calls").addObject().put("id", id)
        .put("type", "function");
    call.putObject("function").put("name", name).put("arguments", arguments.toString());
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", "tool_calls");
    body.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5)
        .put("total_tokens", 15);
    return body.toString();
  }
}
