package dev.ratchet.eval.completion;

import dev.ratchet.RetriableException;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Where completions come from: a model, the data set's reference, nothing, or a file. */
public interface Completer {

  /** A completion with what it cost. */
  record Completion(String text, long millis, long inputTokens, long outputTokens) {}

  /** The name results carry, such as {@code gold} or {@code openai:qwen}. */
  String name();

  /** The completion for sample {@code index} of a problem. */
  Completion complete(CompletionProblem problem, int index);

  /** The data set's reference solution: every solvable problem should pass. */
  static Completer gold() {
    return new Completer() {
      @Override
      public String name() {
        return "gold";
      }

      @Override
      public Completion complete(CompletionProblem problem, int index) {
        String solution = problem.solution().orElseThrow(() -> new IllegalArgumentException(
            problem.suite() + " has no reference solutions (MultiPL-E ships none); use --model"
                + " gold with humaneval-x-rs or repository suites"));
        return new Completion(solution, 0, 0, 0);
      }
    };
  }

  /** An empty answer: nothing should pass. */
  static Completer empty() {
    return new Completer() {
      @Override
      public String name() {
        return "empty";
      }

      @Override
      public Completion complete(CompletionProblem problem, int index) {
        return new Completion("", 0, 0, 0);
      }
    };
  }

  /** Completions generated elsewhere, keyed by problem name; a missing one counts as empty. */
  static Completer given(String name, Map<String, List<String>> completions) {
    Map<String, List<String>> copy = Map.copyOf(completions);
    return new Completer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Completion complete(CompletionProblem problem, int index) {
        List<String> list = copy.getOrDefault(problem.name(), List.of());
        return new Completion(index < list.size() ? list.get(index) : "", 0, 0, 0);
      }
    };
  }

  /**
   * A model asked for the function's body. The reply's text is the completion (a fence around it
   * is removed); the model's own actions are ignored. A call that fails for a reason that passes
   * (a rate limit, a server error, a timeout: {@link RetriableException}) is tried again after 1,
   * 2, 4 and 8 seconds, so that one busy moment of the server does not end a long run.
   */
  static Completer model(ModelClient model) {
    return model(model, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(8)), d -> Thread.sleep(d.toMillis()));
  }

  /** How a retry waits (tests wait for nothing). */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** {@link #model(ModelClient)} with the given waits between attempts. */
  static Completer model(ModelClient model, List<Duration> retryWaits, Sleeper sleeper) {
    Objects.requireNonNull(model, "model");
    String instructions = "Complete the Rust function. Reply with only the code that continues"
        + " the given text (the function body and its closing brace), no explanation.";
    return new Completer() {
      @Override
      public String name() {
        return model.name();
      }

      @Override
      public Completion complete(CompletionProblem problem, int index) {
        String shown = problem.format() == CompletionProblem.Format.HUMANEVAL_X
            ? problem.declaration() + problem.prompt() : problem.prompt();
        long start = 0;
        ModelRequest request = new ModelRequest(1, Task.of(problem.name() + "#" + index,
            shown), instructions, List.of(), "", List.of(), List.of());
        ModelReply reply = null;
        for (int attempt = 0; reply == null; attempt++) {
          try {
            start = System.nanoTime();
            reply = model.reply(request);
          } catch (RetriableException e) {
            if (attempt >= retryWaits.size()) {
              throw e;
            }
            try {
              sleeper.sleep(retryWaits.get(attempt));
            } catch (InterruptedException interrupted) {
              Thread.currentThread().interrupt();
              throw e;
            }
          }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Completion(unfence(reply.text()), millis, reply.usage().inputTokens(),
            reply.usage().outputTokens());
      }
    };
  }

  /** The code inside a reply's first fenced block, or the reply as it is. */
  static String unfence(String text) {
    int open = text.indexOf("```");
    if (open < 0) {
      return text;
    }
    int lineEnd = text.indexOf('\n', open);
    int close = lineEnd < 0 ? -1 : text.indexOf("```", lineEnd);
    return lineEnd < 0 ? text : close < 0 ? text.substring(lineEnd + 1)
        : text.substring(lineEnd + 1, close);
  }
}
