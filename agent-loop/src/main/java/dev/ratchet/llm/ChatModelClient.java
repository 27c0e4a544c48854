package dev.ratchet.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.ratchet.action.Action;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.model.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link ModelClient} over a LangChain4j {@link ChatModel} (OpenAI-compatible servers, Ollama):
 * the request becomes a conversation, the actions travel on the chosen channel (tool calls,
 * structured output or text), and the reply becomes actions. A call the model botched becomes an
 * {@link dev.ratchet.action.InvalidCall} the loop answers; a failing server becomes a {@link
 * dev.ratchet.RetriableException} (the loop owns retries) or a {@link dev.ratchet.RatchetException}
 * that says what to fix.
 */
final class ChatModelClient implements ModelClient {

  /** Reply metadata: the server's ids of the tool calls, comma-separated, in action order. */
  static final String CALL_IDS = "tool_call_ids";
  /** Reply metadata: the channel the reply came on. */
  static final String CHANNEL = "channel";
  /** Reply metadata: the model's reasoning text, when the server returned one (capped). */
  static final String REASONING = "reasoning";
  /** Reply metadata: whether token usage was estimated. */
  static final String ESTIMATED = "usage_estimated";

  private static final int REASONING_CAP = 4000;

  private final String name;
  private final String modelName;
  private final String endpoint;
  private final ChatModel model;
  private final Supplier<Channel> channel;
  private final boolean takesImages;
  private final Conversation.WithoutVision withoutVision;
  private final ImageContent.DetailLevel detail;
  private final List<ToolSpecification> tools;

  ChatModelClient(String name, String modelName, String endpoint, ChatModel model,
      Supplier<Channel> channel,
      boolean takesImages, Conversation.WithoutVision withoutVision,
      ImageContent.DetailLevel detail) {
    this.name = Objects.requireNonNull(name, "name");
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.model = Objects.requireNonNull(model, "model");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.takesImages = takesImages;
    this.withoutVision = withoutVision;
    this.detail = detail;
    List<ToolSpecification> specs = new ArrayList<>();
    for (ToolSpec spec : ActionTools.specs()) {
      specs.add(ToolSpecification.builder().name(spec.name()).description(spec.description())
          .parameters(JsonSchemas.object(spec.parametersSchema())).build());
    }
    this.tools = List.copyOf(specs);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ModelReply reply(ModelRequest request) {
    Channel on = channel.get();
    List<ChatMessage> messages = Conversation.of(request, on, takesImages, withoutVision, detail);
    ChatRequest.Builder chat = ChatRequest.builder().messages(messages);
    if (on == Channel.TOOLS) {
      chat.toolSpecifications(tools).toolChoice(ToolChoice.AUTO);
    } else if (on == Channel.JSON_SCHEMA) {
      chat.responseFormat(replyFormat());
    }
    ChatResponse response = Faults.call(endpoint, modelName, () -> model.chat(chat.build()));
    return toReply(response, on, messages);
  }

  static ResponseFormat replyFormat() {
    return ResponseFormat.builder().type(ResponseFormatType.JSON)
        .jsonSchema(JsonSchema.builder().name("RatchetReply")
            .rootElement(JsonSchemas.parse(ActionTools.replySchema())).build())
        .build();
  }

  private ModelReply toReply(ChatResponse response, Channel on, List<ChatMessage> sent) {
    AiMessage ai = response.aiMessage();
    String text = ai == null || ai.text() == null ? "" : ai.text();
    List<Action> actions = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(CHANNEL, on.name().toLowerCase(java.util.Locale.ROOT));
    if (response.modelName() != null) {
      metadata.put("model", response.modelName());
    }
    if (ai != null && ai.thinking() != null && !ai.thinking().isBlank()) {
      String thinking = ai.thinking();
      metadata.put(REASONING, thinking.length() > REASONING_CAP
          ? thinking.substring(0, REASONING_CAP) + "..." : thinking);
    }
    if (ai != null && ai.hasToolExecutionRequests()) {
      List<String> ids = new ArrayList<>();
      int k = 0;
      for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
        actions.add(ActionTools.toAction(call.name(), call.arguments() == null ? ""
            : call.arguments()));
        ids.add(call.id() == null || call.id().isBlank() ? "call_" + k : call.id());
        k++;
      }
      metadata.put(CALL_IDS, String.join(",", ids));
    } else if (on == Channel.JSON_SCHEMA && !text.isBlank()) {
      actions.addAll(ActionTools.fromStructuredReply(text));
    } else if (!text.isBlank()) {
      // The text channel, or a tool-capable model that answered in text anyway.
      actions.addAll(TextProtocol.parse(text));
    }
    TokenUsage usage = usage(response, sent, text);
    if (usage.estimated()) {
      metadata.put(ESTIMATED, "true");
    }
    return new ModelReply(text, actions, usage, finishReason(response), metadata);
  }

  private static TokenUsage usage(ChatResponse response, List<ChatMessage> sent, String text) {
    var reported = response.tokenUsage();
    if (reported != null && reported.inputTokenCount() != null
        && reported.outputTokenCount() != null) {
      return new TokenUsage(reported.inputTokenCount(), reported.outputTokenCount());
    }
    long in = 0;
    for (ChatMessage m : sent) {
      in += m.toString().length();
    }
    long out = text.length();
    if (response.aiMessage() != null && response.aiMessage().hasToolExecutionRequests()) {
      for (ToolExecutionRequest call : response.aiMessage().toolExecutionRequests()) {
        out += String.valueOf(call.arguments()).length() + call.name().length();
      }
    }
    return TokenUsage.estimate(in, out);
  }

  private static ModelReply.FinishReason finishReason(ChatResponse response) {
    if (response.finishReason() == null) {
      return ModelReply.FinishReason.OTHER;
    }
    return switch (response.finishReason()) {
      case STOP -> ModelReply.FinishReason.STOP;
      case LENGTH -> ModelReply.FinishReason.LENGTH;
      case TOOL_EXECUTION -> ModelReply.FinishReason.TOOL_CALLS;
      case CONTENT_FILTER -> ModelReply.FinishReason.CONTENT_FILTER;
      default -> ModelReply.FinishReason.OTHER;
    };
  }
}
