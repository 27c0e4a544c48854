package dev.ratchet.action;

import java.util.List;

/**
 * A command a model wants run, as an argument vector (never a shell string).
 *
 * <p>It runs only through the sandbox, after the command policy allowed it.
 */
public record RunCommand(List<String> argv) implements Action {
  /** Copies the vector and refuses an empty one. */
  public RunCommand {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv is empty: name the program to run");
    }
  }

  /** Returns a command from its arguments. */
  public static RunCommand of(String... argv) {
    return new RunCommand(List.of(argv));
  }
}
