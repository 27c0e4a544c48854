package dev.ratchet.eval.completion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads completion suites from the files users obtained (none ships with Ratchet): MultiPL-E's
 * Rust translations ({@code humaneval-rs}, {@code mbpp-rs}; JSON lines or a JSON array) and
 * HumanEval-X Rust (JSON lines). Field names are the data sets' own; a missing field is an error
 * naming the row.
 */
public final class CompletionSuites {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CompletionSuites() {}

  /** A MultiPL-E Rust file; the suite name is {@code humaneval-rs} or {@code mbpp-rs}. */
  public static List<CompletionProblem> multiplE(String suite, Path file) {
    List<CompletionProblem> out = new ArrayList<>();
    int row = 0;
    for (JsonNode p : rows(file)) {
      row++;
      List<String> stops = new ArrayList<>();
      p.path("stop_tokens").forEach(t -> stops.add(t.asText()));
      if (stops.isEmpty()) {
        stops.add("\n}");
      }
      out.add(new CompletionProblem(suite, text(file, row, p, "name"),
          CompletionProblem.Format.MULTIPL_E, text(file, row, p, "prompt"), "",
          text(file, row, p, "tests"), stops, Optional.empty()));
    }
    return out;
  }

  /** A HumanEval-X Rust file (suite {@code humaneval-x-rs}). */
  public static List<CompletionProblem> humanEvalX(Path file) {
    List<CompletionProblem> out = new ArrayList<>();
    int row = 0;
    for (JsonNode p : rows(file)) {
      row++;
      out.add(new CompletionProblem("humaneval-x-rs", text(file, row, p, "task_id"),
          CompletionProblem.Format.HUMANEVAL_X, text(file, row, p, "prompt"),
          text(file, row, p, "declaration"), text(file, row, p, "test"), List.of(),
          Optional.of(text(file, row, p, "canonical_solution"))));
    }
    return out;
  }

  private static List<JsonNode> rows(Path file) {
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8).strip();
      List<JsonNode> rows = new ArrayList<>();
      if (content.startsWith("[")) {
        JSON.readTree(content).forEach(rows::add);
        return rows;
      }
      int line = 0;
      for (String l : content.split("\n")) {
        line++;
        if (!l.isBlank()) {
          try {
            rows.add(JSON.readTree(l));
          } catch (IOException e) {
            throw new IllegalArgumentException(file + " line " + line + " is not JSON: "
                + e.getMessage(), e);
          }
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String text(Path file, int row, JsonNode p, String field) {
    JsonNode v = p.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(file + " row " + row + " has no text field '" + field
          + "': is this the right data set for the suite?");
    }
    return v.asText();
  }
}
