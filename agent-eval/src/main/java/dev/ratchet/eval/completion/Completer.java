package dev.ratchet.eval.completion;

import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
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
   * is removed); the model's own actions are ignored.
   */
  static Completer model(ModelClient model) {
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
        long start = System.nanoTime();
        ModelReply reply = model.reply(new ModelRequest(1, Task.of(problem.name() + "#" + index,
            shown), instructions, List.of(), "", List.of(), List.of()));
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
