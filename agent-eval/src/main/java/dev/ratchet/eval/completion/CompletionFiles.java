package dev.ratchet.eval.completion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Completions generated elsewhere, to score without a model: MultiPL-E's completion files (a
 * directory of JSON files, one per problem, each with {@code name} and a {@code completions}
 * list; {@code .results.json} files are skipped), or one JSON-lines file of {@code {"name" or
 * "task_id", "completion"}} rows (several rows for one problem are several samples, in order).
 */
public final class CompletionFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CompletionFiles() {}

  /** Completions keyed by problem name. */
  public static Map<String, List<String>> read(Path path) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try {
      if (Files.isDirectory(path)) {
        try (Stream<Path> files = Files.list(path)) {
          for (Path f : files.sorted().toList()) {
            String name = f.getFileName().toString();
            if (!name.endsWith(".json") || name.endsWith(".results.json")) {
              continue;
            }
            JsonNode json = JSON.readTree(f.toFile());
            List<String> completions = new ArrayList<>();
            json.path("completions").forEach(c -> completions.add(c.asText()));
            out.put(require(json, "name", f), completions);
          }
        }
        return out;
      }
      int line = 0;
      for (String l : Files.readAllLines(path)) {
        line++;
        if (l.isBlank()) {
          continue;
        }
        JsonNode row = JSON.readTree(l);
        String name = row.has("name") ? row.get("name").asText() : require(row, "task_id", path);
        if (!row.path("completion").isTextual()) {
          throw new IllegalArgumentException(path + " line " + line + " has no text field"
              + " 'completion'");
        }
        out.computeIfAbsent(name, k -> new ArrayList<>()).add(row.get("completion").asText());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read completions from " + path, e);
    }
  }

  private static String require(JsonNode json, String field, Path where) {
    if (!json.path(field).isTextual()) {
      throw new IllegalArgumentException(where + " has no text field '" + field + "'");
    }
    return json.get(field).asText();
  }
}
