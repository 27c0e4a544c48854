package dev.ratchet.model;

import java.util.Objects;

/**
 * A tool a model may call.
 *
 * @param name the tool's name, such as {@code apply_patch}
 * @param description what it does, for the model
 * @param parametersSchema the JSON schema of its arguments object
 */
public record ToolSpec(String name, String description, String parametersSchema) {
  /** Validates the fields. */
  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parametersSchema, "parametersSchema");
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "tool name '" + name + "' must be 1-64 letters, digits, '_' or '-'");
    }
  }
}
