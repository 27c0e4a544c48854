package dev.ratchet.eval.completion;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One function-completion problem, in the shape its data set gives it.
 *
 * @param suite {@code humaneval-rs}, {@code mbpp-rs} (MultiPL-E) or {@code humaneval-x-rs}
 * @param name the problem's name or task id
 * @param format how a program is assembled and run
 * @param prompt what the model completes (doc comment and open signature)
 * @param declaration HumanEval-X's prelude and signature; empty for MultiPL-E
 * @param tests the test code appended after the completion
 * @param stopTokens where a completion is cut (MultiPL-E: {@code "\n}"})
 * @param solution the data set's reference completion, when it has one (HumanEval-X)
 */
public record CompletionProblem(String suite, String name, Format format, String prompt,
    String declaration, String tests, List<String> stopTokens, Optional<String> solution) {

  /** How programs are assembled and run. */
  public enum Format {
    /**
     * {@code prompt + completion + "\n" + tests}, compiled with plain {@code rustc} (edition
     * 2015, no optimisation), compile limit 15 s, run limit 5 s.
     */
    MULTIPL_E,
    /**
     * {@code "fn main(){}\n" + declaration + prompt + completion + test}, a bin target run with
     * {@code cargo test}, with rand 0.4, regex 1 and md5 0.7 available.
     */
    HUMANEVAL_X
  }

  /** Validates and copies. */
  public CompletionProblem {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(declaration, "declaration");
    Objects.requireNonNull(tests, "tests");
    stopTokens = List.copyOf(stopTokens);
    Objects.requireNonNull(solution, "solution");
  }

  /** The completion cut at the first stop token, as the reference harness does. */
  public String cut(String completion) {
    int end = completion.length();
    for (String stop : stopTokens) {
      int at = completion.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return completion.substring(0, end);
  }

  /** The whole program for a completion (cut first). */
  public String program(String completion) {
    String body = cut(completion);
    return switch (format) {
      case MULTIPL_E -> prompt + body + "\n" + tests;
      case HUMANEVAL_X -> "fn main(){}\n" + declaration + prompt + body + tests;
    };
  }
}
