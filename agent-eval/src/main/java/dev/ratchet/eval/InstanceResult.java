package dev.ratchet.eval;

import dev.ratchet.gate.TestOutcome;
import java.util.List;
import java.util.Objects;

/**
 * One repository instance (an issue in a real crate) and what the model's change did to its
 * tests, as one line of a results file.
 *
 * @param suite the suite, such as {@code multi-swe-bench-rs}, {@code swe-bench-ml-rs} or the
 *     name of a folder suite
 * @param instance the instance id
 * @param model the model's name ({@code gold}, {@code empty} or a client)
 * @param resolved every fail-to-pass test passes and every pass-to-pass test still passes
 * @param reason one sentence: why it is (not) resolved
 * @param failToPass the outcomes of the tests that must go from failing to passing
 * @param passToPass the outcomes of the tests that must keep passing
 * @param iterations loop iterations the model took (0 for reference runs)
 * @param patch the model's change as a unified diff (what SWE-bench calls the prediction)
 * @param durationMillis wall time of the whole instance
 * @param gateMillis time spent in gates
 * @param inputTokens prompt tokens over the run
 * @param outputTokens completion tokens over the run
 * @param toolCalls tool calls the model made
 * @param invalidToolCalls tool calls that were not well formed
 * @param explanation the model's last words in the loop (its final reply's text, such as why
 *     a change is faster), capped at {@value #EXPLANATION_CHARS} characters; empty for none
 * @param notApplicable the instance needs an ability the model lacks (it comes with a picture
 *     and the model reads text only): it was not run, and scores leave it out rather than count
 *     it as a failure
 */
public record InstanceResult(String suite, String instance, String model, boolean resolved,
    String reason, List<TestOutcome> failToPass, List<TestOutcome> passToPass, int iterations,
    String patch, long durationMillis, long gateMillis, long inputTokens, long outputTokens,
    int toolCalls, int invalidToolCalls, String explanation, boolean notApplicable)
    implements EvalResult {

  /** The most characters of the model's explanation kept. */
  public static final int EXPLANATION_CHARS = 4_000;

  /** Validates and copies; results written before explanations existed read as empty. */
  public InstanceResult {
    explanation = explanation == null ? "" : explanation.strip();
    if (explanation.length() > EXPLANATION_CHARS) {
      explanation = explanation.substring(0, EXPLANATION_CHARS - 1) + "…";
    }
    if (notApplicable && resolved) {
      throw new IllegalArgumentException("instance " + instance
          + " cannot be both resolved and not applicable");
    }
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(reason, "reason");
    failToPass = List.copyOf(failToPass);
    passToPass = List.copyOf(passToPass);
    Objects.requireNonNull(patch, "patch");
  }

  /** A result of an instance that was run. */
  public InstanceResult(String suite, String instance, String model, boolean resolved,
      String reason, List<TestOutcome> failToPass, List<TestOutcome> passToPass, int iterations,
      String patch, long durationMillis, long gateMillis, long inputTokens, long outputTokens,
      int toolCalls, int invalidToolCalls) {
    this(suite, instance, model, resolved, reason, failToPass, passToPass, iterations, patch,
        durationMillis, gateMillis, inputTokens, outputTokens, toolCalls, invalidToolCalls, "",
        false);
  }

  /** The result of an instance that does not apply to the model, for the reason given. */
  public static InstanceResult notApplicable(String suite, String instance, String model,
      String reason) {
    return new InstanceResult(suite, instance, model, false, reason, List.of(), List.of(), 0, "",
        0, 0, 0, 0, 0, 0, "", true);
  }

  @Override
  public String id() {
    return instance;
  }
}
