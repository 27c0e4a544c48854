package dev.ratchet.model;

import dev.ratchet.action.Action;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's answer: the text it wrote, the actions taken from it, and what it cost.
 *
 * @param text the free text of the reply (may be empty when it only called tools)
 * @param actions the actions read from tool calls or from the text, in order
 * @param usage tokens spent on this call ({@link TokenUsage#ZERO} when the server did not say)
 * @param finishReason why generation stopped; {@link FinishReason#LENGTH} means truncated
 * @param metadata provider details worth keeping in a transcript (tool call ids, served model)
 */
public record ModelReply(
    String text,
    List<Action> actions,
    TokenUsage usage,
    FinishReason finishReason,
    Map<String, String> metadata) {

  /** Validates and copies. */
  public ModelReply {
    Objects.requireNonNull(text, "text");
    actions = List.copyOf(actions);
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(finishReason, "finishReason");
    metadata = Map.copyOf(metadata);
  }

  /** A complete reply with the given actions and no text. */
  public static ModelReply of(Action... actions) {
    return new ModelReply("", List.of(actions), TokenUsage.ZERO, FinishReason.STOP, Map.of());
  }

  /** A complete reply with text, actions and usage. */
  public static ModelReply of(String text, List<Action> actions, TokenUsage usage) {
    return new ModelReply(text, actions, usage, FinishReason.STOP, Map.of());
  }

  /** Why a model stopped generating. */
  public enum FinishReason {
    /** It ended its answer. */
    STOP,
    /** It hit the output token limit: the reply is truncated and its edits are not applied. */
    LENGTH,
    /** It stopped to have tools called. */
    TOOL_CALLS,
    /** A server-side filter stopped it. */
    CONTENT_FILTER,
    /** Anything else the server reported. */
    OTHER
  }
}
