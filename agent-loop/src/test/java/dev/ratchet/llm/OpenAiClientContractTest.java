package dev.ratchet.llm;

import dev.ratchet.contract.ModelClientContract;
import dev.ratchet.model.ModelClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The model client contract, for the OpenAI-compatible client on two channels and for Ollama. */
class OpenAiClientContractTest {

  abstract static class OnChannel extends ModelClientContract {
    private final List<FakeServer> servers = new ArrayList<>();

    abstract Channel channel();

    @Override
    protected ModelClient createClientReplying(String text) {
      FakeServer server = new FakeServer();
      servers.add(server);
      server.json(FakeServer.text(text));
      return ModelClients.openAi(server.v1(), "contract").channel(channel()).build();
    }

    @AfterEach
    void stopServers() {
      servers.forEach(FakeServer::close);
    }
  }

  @org.junit.jupiter.api.Nested
  class Tools extends OnChannel {
    @Override
    Channel channel() {
      return Channel.TOOLS;
    }
  }

  @org.junit.jupiter.api.Nested
  class Text extends OnChannel {
    @Override
    Channel channel() {
      return Channel.TEXT;
    }
  }

  @org.junit.jupiter.api.Nested
  class Ollama extends ModelClientContract {
    private final List<FakeServer> servers = new ArrayList<>();

    @Override
    protected ModelClient createClientReplying(String text) {
      FakeServer server = new FakeServer();
      servers.add(server);
      var body = FakeServer.JSON.createObjectNode().put("model", "m")
          .put("created_at", "2026-12-04T10:00:00Z").put("done", true).put("done_reason", "stop")
          .put("prompt_eval_count", 12).put("eval_count", 3);
      body.putObject("message").put("role", "assistant").put("content", text);
      server.json(body.toString());
      return ModelClients.ollama(server.root(), "m").channel(Channel.TOOLS).build();
    }

    @AfterEach
    void stopServers() {
      servers.forEach(FakeServer::close);
    }
  }
}
