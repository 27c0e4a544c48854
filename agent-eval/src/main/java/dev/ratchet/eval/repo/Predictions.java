package dev.ratchet.eval.repo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.eval.InstanceResult;
import dev.ratchet.gate.TestOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what repository runs produced in the forms others read: SWE-bench's {@code
 * predictions.jsonl} (one {@code {"instance_id", "model_name_or_path", "model_patch"}} per line,
 * the input of SWE-bench's harness, so a run can be checked there too) and a Markdown report of
 * which instances were resolved, with the loop's measurements.
 */
public final class Predictions {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private Predictions() {}

  /** The predictions file's text: one JSON object per result, in order. */
  public static String jsonl(List<InstanceResult> results) {
    StringBuilder out = new StringBuilder();
    for (InstanceResult r : results) {
      ObjectNode line = JSON.createObjectNode();
      line.put("instance_id", r.instance());
      line.put("model_name_or_path", r.model());
      line.put("model_patch", r.patch());
      try {
        out.append(JSON.writeValueAsString(line)).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write a prediction as JSON", e);
      }
    }
    return out.toString();
  }

  /** Writes {@link #jsonl} to {@code file} (replacing it). */
  public static void writeJsonl(Path file, List<InstanceResult> results) {
    write(file, jsonl(results));
  }

  /**
   * A Markdown report: per suite and model, how many instances were resolved (of those that apply
   * to the model), a table of every instance (resolved, or n/a when it does not apply;
   * fail-to-pass and pass-to-pass tests passing, iterations, tool calls and invalid ones, tokens,
   * gate and wall time, the reason), the model's explanations as quotes, and the list of
   * resolved ids.
   */
  public static String report(List<InstanceResult> results) {
    Map<String, List<InstanceResult>> groups = new LinkedHashMap<>();
    for (InstanceResult r : results) {
      groups.computeIfAbsent(r.suite() + "\u0000" + r.model(), k -> new ArrayList<>()).add(r);
    }
    StringBuilder out = new StringBuilder("# Repository suite results\n");
    if (groups.isEmpty()) {
      out.append("\nNo instances were run.\n");
    }
    for (List<InstanceResult> group : groups.values()) {
      InstanceResult first = group.get(0);
      long resolved = group.stream().filter(InstanceResult::resolved).count();
      long notApplicable = group.stream().filter(InstanceResult::notApplicable).count();
      long applicable = group.size() - notApplicable;
      out.append("\n## ").append(first.suite()).append(" — ").append(first.model())
          .append("\n\n");
      out.append(String.format(Locale.ROOT, "Resolved **%d of %d** (%.1f%%).", resolved,
          applicable, applicable == 0 ? 0.0 : 100.0 * resolved / applicable));
      if (notApplicable > 0) {
        out.append(String.format(Locale.ROOT, " Not applicable to this model, so not counted:"
            + " %d.", notApplicable));
      }
      int calls = group.stream().mapToInt(InstanceResult::toolCalls).sum();
      int invalid = group.stream().mapToInt(InstanceResult::invalidToolCalls).sum();
      if (calls > 0) {
        out.append(String.format(Locale.ROOT, " Tool calls: %d, of which %d invalid (%.1f%%).",
            calls, invalid, 100.0 * invalid / calls));
      }
      List<InstanceResult> solved = group.stream().filter(InstanceResult::resolved).toList();
      if (!solved.isEmpty()) {
        double meanIterations = solved.stream().mapToInt(InstanceResult::iterations).average()
            .orElse(0);
        out.append(String.format(Locale.ROOT, " Mean iterations to success: %.1f.",
            meanIterations));
      }
      out.append("\n\n| instance | resolved | fail→pass | pass→pass | iterations | tool calls"
          + " (invalid) | tokens in/out | gate s | wall s | reason |\n");
      out.append("|---|---|---|---|---|---|---|---|---|---|\n");
      for (InstanceResult r : group) {
        out.append("| ").append(cell(r.instance()))
            .append(" | ").append(r.notApplicable() ? "n/a" : r.resolved() ? "yes" : "no")
            .append(" | ").append(passing(r.failToPass()))
            .append(" | ").append(passing(r.passToPass()))
            .append(" | ").append(r.iterations())
            .append(" | ").append(r.toolCalls()).append(" (").append(r.invalidToolCalls())
            .append(')')
            .append(" | ").append(r.inputTokens()).append(" / ").append(r.outputTokens())
            .append(" | ").append(seconds(r.gateMillis()))
            .append(" | ").append(seconds(r.durationMillis()))
            .append(" | ").append(cell(r.reason()))
            .append(" |\n");
      }
      for (InstanceResult r : group) {
        if (!r.explanation().isEmpty()) {
          out.append("\n**").append(cell(r.instance())).append("**, in the model's words:\n\n");
          r.explanation().lines().forEach(l -> out.append("> ").append(l).append('\n'));
        }
      }
      out.append("\nResolved: ").append(solved.isEmpty() ? "none"
          : String.join(", ", solved.stream().map(InstanceResult::instance).toList()))
          .append(".\n");
    }
    return out.toString();
  }

  /** Writes {@link #report} to {@code file} (replacing it). */
  public static void writeReport(Path file, List<InstanceResult> results) {
    write(file, report(results));
  }

  private static String passing(List<TestOutcome> tests) {
    long passed = tests.stream().filter(t -> t.status() == TestOutcome.Status.PASSED).count();
    return passed + "/" + tests.size();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
  }

  /** Text made safe for one table cell: one line, pipes escaped, capped. */
  private static String cell(String text) {
    String line = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|").strip();
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }

  private static void write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
