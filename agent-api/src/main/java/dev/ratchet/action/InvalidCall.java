package dev.ratchet.action;

import java.util.Objects;

/**
 * A tool call the model client could not turn into an action: unknown tool, arguments that are not
 * JSON, or arguments that break the tool's schema. The loop does nothing with it but tell the model
 * what was wrong, so a bad call costs an iteration, never the run.
 *
 * @param tool the tool name the model used
 * @param arguments the raw arguments as the model sent them (capped)
 * @param problem what was wrong and how to call it instead
 */
public record InvalidCall(String tool, String arguments, String problem) implements Action {

  /** Arguments longer than this are cut in the record (a model can send megabytes). */
  public static final int MAX_ARGUMENTS = 2000;

  /** Validates and caps the arguments. */
  public InvalidCall {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(problem, "problem");
    if (arguments.length() > MAX_ARGUMENTS) {
      arguments = arguments.substring(0, MAX_ARGUMENTS) + "... [" + (arguments.length()
          - MAX_ARGUMENTS) + " more characters]";
    }
  }
}
