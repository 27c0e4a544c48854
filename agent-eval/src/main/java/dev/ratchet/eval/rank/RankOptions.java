package dev.ratchet.eval.rank;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How {@link Ranking#of} reads results: explicit model-name mappings and which suites are
 * multimodal.
 *
 * @param aliases result model name → catalog id (or Hugging Face id), for names the automatic
 *     matching does not find; compared ignoring case
 * @param multimodalSuites suites that count as multimodal task suites besides those whose name
 *     says so (see {@link #isMultimodal})
 */
public record RankOptions(Map<String, String> aliases, Set<String> multimodalSuites) {

  /** Suite names that mark a multimodal task suite. */
  static final Pattern MULTIMODAL_NAME =
      Pattern.compile("multimodal|vision|image|screenshot", Pattern.CASE_INSENSITIVE);

  /** The model names of reference runs, shown but never ranked. */
  public static final Set<String> REFERENCE_MODELS = Set.of("gold", "empty");

  /** Validates and copies, keeping the order. */
  public RankOptions {
    Map<String, String> a = new LinkedHashMap<>();
    aliases.forEach((k, v) -> {
      if (k.isBlank() || v.isBlank()) {
        throw new IllegalArgumentException("alias '" + k + "=" + v + "' has an empty side:"
            + " write RESULT_MODEL=CATALOG_ID, e.g. openai:my-qwen=qwen3.5-27b");
      }
      a.put(k.strip().toLowerCase(Locale.ROOT), v.strip());
    });
    aliases = Collections.unmodifiableMap(a);
    Set<String> m = new LinkedHashSet<>();
    multimodalSuites.forEach(s -> m.add(Objects.requireNonNull(s, "multimodalSuites[]")));
    multimodalSuites = Collections.unmodifiableSet(m);
  }

  /** No aliases; multimodal suites by name only. */
  public static RankOptions defaults() {
    return new RankOptions(Map.of(), Set.of());
  }

  /** These options with one more alias: results of {@code resultModel} are {@code catalogId}. */
  public RankOptions withAlias(String resultModel, String catalogId) {
    Map<String, String> a = new LinkedHashMap<>(aliases);
    a.put(resultModel, catalogId);
    return new RankOptions(a, multimodalSuites);
  }

  /** These options with one more suite counted as multimodal. */
  public RankOptions withMultimodalSuite(String suite) {
    Set<String> m = new LinkedHashSet<>(multimodalSuites);
    m.add(suite);
    return new RankOptions(aliases, m);
  }

  /**
   * Whether a suite is a multimodal task suite: named in {@link #multimodalSuites}, or its name
   * contains {@code multimodal}, {@code vision}, {@code image} or {@code screenshot} (any case).
   */
  public boolean isMultimodal(String suite) {
    return multimodalSuites.contains(suite) || MULTIMODAL_NAME.matcher(suite).find();
  }

  /** The catalog id an alias gives for a result model name. */
  Optional<String> alias(String resultModel) {
    return Optional.ofNullable(aliases.get(resultModel.strip().toLowerCase(Locale.ROOT)));
  }
}
