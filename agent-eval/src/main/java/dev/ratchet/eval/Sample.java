package dev.ratchet.eval;

import java.util.Objects;

/**
 * One completion of one problem and what became of it.
 *
 * @param index the sample's number, from 0
 * @param completion the model's text, cut at the stop tokens
 * @param status the verdict
 * @param exitCode the test program's exit code (-1 when it never ran)
 * @param stdout its standard output, capped
 * @param stderr its standard error (or the compiler's), capped
 * @param runMillis time to compile and run in the sandbox
 * @param modelMillis time the model took to answer (0 for given completions)
 * @param inputTokens prompt tokens (0 when unknown)
 * @param outputTokens completion tokens (0 when unknown)
 */
public record Sample(int index, String completion, Status status, int exitCode, String stdout,
    String stderr, long runMillis, long modelMillis, long inputTokens, long outputTokens) {

  /** Validates the fields. */
  public Sample {
    Objects.requireNonNull(completion, "completion");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /** Whether it passed. */
  public boolean passed() {
    return status == Status.OK;
  }
}
