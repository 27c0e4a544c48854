package dev.ratchet.eval.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.rust.RustGates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One task of the pack, as its {@code task.json} describes it.
 *
 * @param id the folder name, {@code NN-name}
 * @param kind which of the ten surveyed kinds it is, 1 to 10
 * @param title one line for reports
 * @param gates the gates that grade it after the hidden checks are added, by {@link RustGates}
 *     name, in pipeline order
 * @param loomFilter the test-name filter for the {@code loom} gate; empty for none
 * @param imageFile the picture that comes with the request (a PNG or JPEG in the task folder,
 *     such as a screenshot of a failing CI log); empty for a text-only task
 */
public record Task(String id, int kind, String title, List<String> gates, String loomFilter,
    String imageFile) {

  private static final Pattern ID = Pattern.compile("\\d\\d-[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._-]*\\.(png|jpe?g)");
  private static final List<String> FIELDS =
      List.of("id", "kind", "title", "gates", "loom_filter", "image");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates every field: a known kind, known gates in pipeline order, an id like {@code 01-x}. */
  public Task {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("task id must look like 01-some-name, was " + id);
    }
    if (kind < 1 || kind > 10) {
      throw new IllegalArgumentException("task " + id + ": kind must be 1..10, was " + kind);
    }
    if (title.isBlank()) {
      throw new IllegalArgumentException("task " + id + ": give it a title");
    }
    gates = List.copyOf(gates);
    if (gates.isEmpty()) {
      throw new IllegalArgumentException("task " + id + ": name at least one grading gate");
    }
    int last = -1;
    for (String gate : gates) {
      int at = RustGates.ORDER.indexOf(gate);
      if (at < 0) {
        throw new IllegalArgumentException(
            "task " + id + ": unknown gate " + gate + ", use one of " + RustGates.ORDER);
      }
      if (at <= last) {
        throw new IllegalArgumentException(
            "task " + id + ": list gates once each, in the order " + RustGates.ORDER);
      }
      last = at;
    }
    if (!imageFile.isEmpty() && !IMAGE.matcher(imageFile).matches()) {
      throw new IllegalArgumentException("task " + id + ": image must be a .png or .jpg file"
          + " name in the task folder (lower case, no directories), was " + imageFile);
    }
  }

  /** A text-only task. */
  public Task(String id, int kind, String title, List<String> gates, String loomFilter) {
    this(id, kind, title, gates, loomFilter, "");
  }

  /** The picture's file name in the task folder, when the request comes with one. */
  public Optional<String> image() {
    return imageFile.isEmpty() ? Optional.empty() : Optional.of(imageFile);
  }

  /** The loom filter, when the task names one. */
  public Optional<String> loom() {
    return loomFilter.isEmpty() ? Optional.empty() : Optional.of(loomFilter);
  }

  /** Reads {@code task.json}: {@code id}, {@code kind}, {@code title}, {@code gates}, optional
   * {@code loom_filter} and {@code image}; unknown fields are refused so a typo cannot silently
   * drop a gate. */
  public static Task parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("task.json is not JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("task.json must hold one object");
    }
    root.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("task.json: unknown field " + name
            + " (known: " + String.join(", ", FIELDS) + ")");
      }
    });
    List<String> gates = new ArrayList<>();
    root.path("gates").forEach(g -> gates.add(g.asText()));
    return new Task(text(root, "id"), root.path("kind").asInt(0), text(root, "title"), gates,
        root.path("loom_filter").asText(""), root.path("image").asText(""));
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual()) {
      throw new IllegalArgumentException("task.json: field " + field + " must be a string");
    }
    return node.asText();
  }
}
