package dev.ratchet.gate;

/**
 * A check that judges the workspace: a build, a test run, a lint, a benchmark.
 *
 * <p>A failing check is a {@link GateResult} with {@link GateStatus#FAIL}; {@link GateStatus#ERROR}
 * means the gate could not judge (it crashed, or its output could not be read), and {@link
 * GateStatus#UNAVAILABLE} that a tool it needs is missing.
 */
public interface Gate {

  /** A short stable name, such as {@code clippy}. */
  String name();

  /** Runs the check against the workspace in the context. */
  GateResult run(GateContext context);
}
