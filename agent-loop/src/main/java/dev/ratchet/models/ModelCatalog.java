package dev.ratchet.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered, immutable list of {@link ModelProfile}s with unique ids: the built-in catalog of
 * the surveyed models, a user's catalog file in the same format, or the two merged.
 *
 * <p>The file format is JSON: {@code {"models": [ {entry}, ... ]}}, each entry with the fields
 * of {@link ModelProfile} (see {@code dev/ratchet/models/catalog.json} for the built-in one).
 * Parsing is strict: an unknown field, a missing required one or a malformed value is an {@link
 * IllegalArgumentException} that names the entry and the field, so a typo is caught.
 */
public final class ModelCatalog {
  private static final String RESOURCE = "catalog.json";

  private final List<ModelProfile> profiles;

  private ModelCatalog(List<ModelProfile> profiles) {
    this.profiles = profiles;
  }

  /**
   * A catalog of the given profiles, in order.
   *
   * @throws IllegalArgumentException when two profiles share an id (ignoring case)
   */
  public static ModelCatalog of(List<ModelProfile> profiles) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < profiles.size(); i++) {
      Integer before = seen.put(key(profiles.get(i).id()), i);
      if (before != null) {
        throw new IllegalArgumentException("entries " + (before + 1) + " and " + (i + 1)
            + " both have id '" + profiles.get(i).id() + "': ids must be unique; rename one");
      }
    }
    return new ModelCatalog(List.copyOf(profiles));
  }

  /** The catalog shipped with Ratchet: the ten surveyed models, one entry per size. */
  public static ModelCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  /**
   * Reads a catalog file.
   *
   * @throws IllegalArgumentException when the file is not a valid catalog; the message names the
   *     file, the entry and the field
   * @throws UncheckedIOException when the file cannot be read
   */
  public static ModelCatalog load(Path json) {
    String text;
    try {
      text = Files.readString(json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the model catalog " + json + ": " + e, e);
    }
    return parse(text, json.toString());
  }

  /**
   * This catalog with {@code other}'s entries laid over it: an entry of {@code other} replaces
   * the one with the same id (ignoring case) in place; its other entries follow in its order.
   */
  public ModelCatalog merge(ModelCatalog other) {
    Map<String, ModelProfile> merged = new LinkedHashMap<>();
    for (ModelProfile p : profiles) {
      merged.put(key(p.id()), p);
    }
    for (ModelProfile p : other.profiles) {
      merged.put(key(p.id()), p);
    }
    return new ModelCatalog(List.copyOf(merged.values()));
  }

  /** Every profile, in catalog order. */
  public List<ModelProfile> all() {
    return profiles;
  }

  /**
   * The profile whose id, or else whose Hugging Face id, equals {@code idOrHuggingFaceId}
   * ignoring case; the first such in catalog order.
   */
  public Optional<ModelProfile> find(String idOrHuggingFaceId) {
    String wanted = key(idOrHuggingFaceId.strip());
    for (ModelProfile p : profiles) {
      if (key(p.id()).equals(wanted)) {
        return Optional.of(p);
      }
    }
    for (ModelProfile p : profiles) {
      if (key(p.huggingFaceId()).equals(wanted)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * The profile a served model name stands for: by {@link #find id or Hugging Face id}, else the
   * first whose serving checkpoint is that name ({@code Qwen/Qwen3.5-27B-FP8}), ignoring case.
   */
  public Optional<ModelProfile> findServed(String servedName) {
    Optional<ModelProfile> found = find(servedName);
    if (found.isPresent()) {
      return found;
    }
    String wanted = key(servedName.strip());
    return profiles.stream().filter(p -> key(p.serving().checkpoint()).equals(wanted))
        .findFirst();
  }

  /** The catalog in the file format {@link #load} reads, ending with a newline. */
  public String toJson() {
    return CatalogJson.write(profiles);
  }

  @Override
  public String toString() {
    List<String> ids = new ArrayList<>();
    profiles.forEach(p -> ids.add(p.id()));
    return "ModelCatalog" + ids;
  }

  static ModelCatalog parse(String json, String origin) {
    return of(checkedIds(CatalogJson.read(json, origin), origin));
  }

  private static List<ModelProfile> checkedIds(List<ModelProfile> profiles, String origin) {
    try {
      of(profiles);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
    }
    return profiles;
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  /** Loads the built-in catalog once, on first use. */
  private static final class BuiltIn {
    static final ModelCatalog CATALOG = read();

    private static ModelCatalog read() {
      try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the built-in model catalog " + RESOURCE
              + " is missing from the class path: the agent-loop jar is damaged");
        }
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
            "built-in catalog dev/ratchet/models/" + RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the built-in model catalog", e);
      }
    }
  }
}
