package dev.ratchet.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.ratchet.RatchetException;
import dev.ratchet.action.Action;
import dev.ratchet.loop.ActionOutcome;
import dev.ratchet.loop.Iteration;
import dev.ratchet.model.Attachment;
import dev.ratchet.model.ModelRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ModelRequest} as chat messages: the instructions, the task (with its images), each
 * earlier iteration as the model's reply and what became of its actions, and the feedback on the
 * last one. On the tool channel earlier actions are replayed as tool calls with their results, so
 * the server sees the conversation it would have had.
 */
final class Conversation {

  /** Earlier iterations kept in full; older ones are summarised in one line. */
  static final int KEPT_ITERATIONS = 6;

  private Conversation() {}

  /** What to do with images for a model that does not take them. */
  enum WithoutVision { REFUSE, DESCRIBE }

  static List<ChatMessage> of(ModelRequest request, Channel channel, boolean takesImages,
      WithoutVision withoutVision, ImageContent.DetailLevel detail) {
    List<ChatMessage> messages = new ArrayList<>();
    StringBuilder system = new StringBuilder(request.instructions().strip());
    if (channel == Channel.TEXT) {
      system.append(system.length() == 0 ? "" : "\n\n").append(TextProtocol.instructions());
    } else if (channel == Channel.JSON_SCHEMA) {
      system.append(system.length() == 0 ? "" : "\n\n").append("Answer with one JSON object that"
          + " matches the given schema: a short 'thinking' and the 'actions' to take.");
    }
    if (system.length() > 0) {
      messages.add(SystemMessage.from(system.toString()));
    }
    List<Content> task = new ArrayList<>();
    task.add(TextContent.from(request.task().prompt()));
    List<Attachment> images = new ArrayList<>(request.task().attachments());
    images.addAll(request.attachments());
    for (Attachment image : images) {
      if (takesImages) {
        task.add(ImageContent.from(image.base64(), image.mimeType(), detail));
      } else if (withoutVision == WithoutVision.DESCRIBE) {
        task.add(TextContent.from("[image " + image.name() + " omitted: this model does not"
            + " take images]"));
      } else {
        throw new RatchetException("the request carries the image " + image.name() + ", but the"
            + " model does not take images: use a vision model, or let the client describe"
            + " images in text (ModelClients.Builder.describeImages())");
      }
    }
    List<Iteration> history = request.history();
    int skip = Math.max(0, history.size() - KEPT_ITERATIONS);
    if (history.isEmpty() && !request.feedback().isBlank()) {
      task.add(TextContent.from("\n" + request.feedback()));
    } else if (skip > 0) {
      task.add(TextContent.from("\n(" + skip + " earlier iteration(s) are not shown.)"));
    }
    messages.add(UserMessage.from(task));
    for (int i = skip; i < history.size(); i++) {
      Iteration it = history.get(i);
      boolean last = i == history.size() - 1;
      addIteration(messages, it, channel, last ? request.feedback() : "");
    }
    return messages;
  }

  private static void addIteration(List<ChatMessage> messages, Iteration it, Channel channel,
      String feedback) {
    String text = it.reply().text();
    if (channel == Channel.TOOLS && !it.reply().actions().isEmpty()) {
      List<ToolExecutionRequest> calls = new ArrayList<>();
      List<String> ids = callIds(it);
      List<Action> actions = it.reply().actions();
      for (int k = 0; k < actions.size(); k++) {
        calls.add(ToolExecutionRequest.builder().id(ids.get(k))
            .name(ActionTools.toolName(actions.get(k)))
            .arguments(ActionTools.arguments(actions.get(k))).build());
      }
      messages.add(text.isBlank() ? AiMessage.from(calls) : AiMessage.from(text, calls));
      for (int k = 0; k < calls.size(); k++) {
        messages.add(ToolExecutionResultMessage.from(calls.get(k),
            k < it.outcomes().size() ? outcome(it.outcomes().get(k)) : "not run"));
      }
      String after = feedback.isBlank() ? gatesLine(it) : feedback;
      messages.add(UserMessage.from(after));
    } else {
      messages.add(AiMessage.from(text.isBlank() ? "(no text)" : text));
      StringBuilder answer = new StringBuilder();
      for (ActionOutcome o : it.outcomes()) {
        answer.append("- ").append(outcome(o)).append('\n');
      }
      answer.append(feedback.isBlank() ? gatesLine(it) : feedback);
      messages.add(UserMessage.from(answer.toString().strip()));
    }
  }

  private static String outcome(ActionOutcome o) {
    return o.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + o.feedback().strip();
  }

  private static String gatesLine(Iteration it) {
    StringBuilder sb = new StringBuilder("Gates: ");
    it.gates().forEach(g -> sb.append(g.gate()).append(' ').append(g.status()).append("  "));
    return it.gates().isEmpty() ? "No gate ran." : sb.toString().strip();
  }

  /** The ids the server gave the calls, kept in the reply's metadata; generated when absent. */
  static List<String> callIds(Iteration it) {
    String stored = it.reply().metadata().getOrDefault(ChatModelClient.CALL_IDS, "");
    List<String> ids = new ArrayList<>(stored.isEmpty() ? List.of() : List.of(stored.split(",")));
    for (int k = ids.size(); k < it.reply().actions().size(); k++) {
      ids.add("call_" + it.index() + "_" + k);
    }
    return ids;
  }
}
