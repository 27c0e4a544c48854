package dev.ratchet.llm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an endpoint said about itself and what a probe found.
 *
 * @param endpoint the base URL
 * @param servedModels the names {@code /v1/models} lists
 * @param maxContext the model's context length, when the server says it
 * @param tools whether a tiny request got a native tool call back; empty when not probed
 * @param jsonSchema whether a tiny request with a strict JSON schema got matching JSON back;
 *     empty when not probed
 */
public record Capabilities(String endpoint, List<String> servedModels, OptionalInt maxContext,
    Optional<Boolean> tools, Optional<Boolean> jsonSchema) {

  /** Validates and copies. */
  public Capabilities {
    Objects.requireNonNull(endpoint, "endpoint");
    servedModels = List.copyOf(servedModels);
    Objects.requireNonNull(maxContext, "maxContext");
    Objects.requireNonNull(tools, "tools");
    Objects.requireNonNull(jsonSchema, "jsonSchema");
  }

  /** The edit channel to use: native tool calls, else structured output, else text. */
  public Channel channel() {
    // snippet:auto-channel
    if (tools.orElse(false)) {
      return Channel.TOOLS;
    }
    return jsonSchema.orElse(false) ? Channel.JSON_SCHEMA : Channel.TEXT;
    // end-snippet:auto-channel
  }
}
