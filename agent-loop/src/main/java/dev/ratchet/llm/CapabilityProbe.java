package dev.ratchet.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.ratchet.RatchetException;
import dev.ratchet.RetriableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds out what an endpoint can do instead of trusting a list of "models that support tools":
 * reads {@code /v1/models} (served names; the context length where the server reports it, as
 * vLLM's {@code max_model_len} or llama.cpp's {@code n_ctx_train}) and, when asked, sends one tiny
 * request with a tool and one with a strict JSON schema. Results are cached per endpoint and model
 * for the life of the JVM.
 */
public final class CapabilityProbe {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Capabilities> CACHE = new ConcurrentHashMap<>();

  private CapabilityProbe() {}

  /** Lists the served models of an OpenAI-compatible endpoint ({@code GET base/models}). */
  public static Capabilities models(String baseUrl, Optional<String> apiKey, Duration timeout) {
    String url = baseUrl.replaceAll("/+$", "") + "/models";
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout).build();
    HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
    apiKey.ifPresent(k -> get.header("Authorization", "Bearer " + k));
    try {
      HttpResponse<String> response = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new RatchetException("GET " + url + " answered HTTP " + response.statusCode()
            + ": is this the /v1 base URL of an OpenAI-compatible server?");
      }
      JsonNode body = JSON.readTree(response.body());
      List<String> names = new ArrayList<>();
      OptionalInt context = OptionalInt.empty();
      for (JsonNode m : body.path("data")) {
        names.add(m.path("id").asText());
        for (String field : List.of("max_model_len", "context_length", "max_context_length")) {
          if (m.path(field).canConvertToInt() && context.isEmpty()) {
            context = OptionalInt.of(m.path(field).asInt());
          }
        }
        if (context.isEmpty() && m.path("meta").path("n_ctx_train").canConvertToInt()) {
          context = OptionalInt.of(m.path("meta").path("n_ctx_train").asInt());
        }
      }
      return new Capabilities(baseUrl, names, context, Optional.empty(), Optional.empty());
    } catch (IOException e) {
      throw new RatchetException("cannot reach " + url + ": " + (e.getMessage() != null
          ? e.getMessage() : e.getClass().getSimpleName()) + " (is the server running?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RatchetException("interrupted while reading " + url, e);
    }
  }

  /**
   * Probes tool calling and structured output with one tiny request each, on top of {@link
   * #models}; cached per endpoint and model.
   */
  static Capabilities probe(String baseUrl, String model, ChatModel chat,
      Optional<Capabilities> listed) {
    return CACHE.computeIfAbsent(baseUrl + "#" + model, key -> {
      Capabilities base = listed.orElse(new Capabilities(baseUrl, List.of(), OptionalInt.empty(),
          Optional.empty(), Optional.empty()));
      return new Capabilities(baseUrl, base.servedModels(), base.maxContext(),
          Optional.of(tools(baseUrl, model, chat)), Optional.of(jsonSchema(baseUrl, model, chat)));
    });
  }

  /**
   * Whether a probe request's failure says "not supported" (false); a server that is down, busy
   * or timing out says nothing about features, so that is thrown (a {@link RetriableException}),
   * and nothing is cached: the next call probes again.
   */
  private static boolean unsupported(String baseUrl, String model, RuntimeException e) {
    RatchetException classified = Faults.classify(baseUrl, model, e);
    if (classified instanceof RetriableException) {
      throw classified;
    }
    return false;
  }

  private static boolean tools(String baseUrl, String model, ChatModel chat) {
    ToolSpecification ok = ToolSpecification.builder().name("report")
        .description("Report the word you were given.")
        .parameters(JsonObjectSchema.builder().addStringProperty("word").required("word")
            .build())
        .build();
    try {
      ChatResponse r = chat.chat(ChatRequest.builder()
          .messages(UserMessage.from("Call the tool report with the word \"ok\"."))
          .toolSpecifications(ok).toolChoice(ToolChoice.REQUIRED).maxOutputTokens(64).build());
      return r.aiMessage() != null && r.aiMessage().hasToolExecutionRequests()
          && r.aiMessage().toolExecutionRequests().get(0).name().equals("report");
    } catch (RuntimeException e) {
      // e.g. vLLM without --enable-auto-tool-choice answers 400
      return unsupported(baseUrl, model, e);
    }
  }

  private static boolean jsonSchema(String baseUrl, String model, ChatModel chat) {
    ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON)
        .jsonSchema(JsonSchema.builder().name("Probe").rootElement(JsonObjectSchema.builder()
            .addBooleanProperty("ok").required("ok").additionalProperties(false).build())
            .build())
        .build();
    try {
      ChatResponse r = chat.chat(ChatRequest.builder()
          .messages(UserMessage.from("Answer with the JSON object {\"ok\": true}."))
          .responseFormat(format).maxOutputTokens(64).build());
      String text = r.aiMessage() == null ? null : r.aiMessage().text();
      return text != null && JSON.readTree(text.strip()).path("ok").isBoolean();
    } catch (IOException e) {
      return false;
    } catch (RuntimeException e) {
      return unsupported(baseUrl, model, e);
    }
  }

  /** Forgets cached probes (tests, or a server that was restarted with other flags). */
  public static void clearCache() {
    CACHE.clear();
  }
}
