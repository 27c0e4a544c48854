package dev.ratchet.eval.rank;

import dev.ratchet.eval.EvalResult;
import dev.ratchet.models.ModelCatalog;
import dev.ratchet.models.ModelProfile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Models ranked by the {@link Rubric}: measured results combined with catalog facts.
 *
 * <p>Result model names are matched to catalog entries in this order: an explicit alias
 * ({@link RankOptions#aliases}); the catalog id or Hugging Face id (ignoring case); the same
 * after a client prefix up to the first {@code :} ({@code openai:qwen3.5-27b} →
 * {@code qwen3.5-27b}); a served checkpoint ({@code Qwen/Qwen3.5-27B-FP8}). Several names that
 * match one entry count as one model; a name that matches none is ranked on its own. The
 * reference runs {@code gold} and {@code empty} are kept apart and never ranked. Every catalog
 * entry is ranked, those without results from catalog facts alone.
 *
 * @param standings every model, best first: total descending, then id
 * @param suites every suite in the results, in name order
 * @param references the reference runs ({@code gold}, {@code empty}) by name: shown, not ranked
 */
public record Ranking(List<Standing> standings, List<String> suites,
    Map<String, Measurements> references) {

  /** Validates and copies. */
  public Ranking {
    standings = List.copyOf(standings);
    suites = List.copyOf(suites);
    references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
  }

  /** Ranks the catalog's models and the results' with the default options. */
  public static Ranking of(List<EvalResult> results, ModelCatalog catalog) {
    return of(results, catalog, RankOptions.defaults());
  }

  /**
   * Ranks the catalog's models and the results'.
   *
   * @throws IllegalArgumentException when an alias names no catalog entry
   */
  public static Ranking of(List<EvalResult> results, ModelCatalog catalog, RankOptions options) {
    Objects.requireNonNull(catalog, "catalog");
    options.aliases().forEach((name, id) -> match(name, catalog, options));

    // Group by model (catalog id or raw name); the last result for a suite and id wins.
    Map<String, Group> groups = new LinkedHashMap<>();
    Map<String, Map<String, EvalResult>> referenceResults = new LinkedHashMap<>();
    for (EvalResult r : results) {
      String name = r.model();
      String key = r.suite() + "\u0000" + r.id();
      if (RankOptions.REFERENCE_MODELS.contains(name.toLowerCase(Locale.ROOT))) {
        referenceResults.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(key, r);
        continue;
      }
      Optional<ModelProfile> profile = match(name, catalog, options);
      String groupKey = profile.map(p -> "catalog:" + lower(p.id())).orElse("result:" + name);
      Group g = groups.computeIfAbsent(groupKey, k -> new Group(profile, name));
      if (!g.names.contains(name)) {
        g.names.add(name);
      }
      g.results.remove(key);
      g.results.put(key, r);
    }

    List<Standing> unranked = new ArrayList<>();
    for (ModelProfile p : catalog.all()) {
      Group g = groups.remove("catalog:" + lower(p.id()));
      unranked.add(standing(g != null ? g : new Group(Optional.of(p), p.id()), options));
    }
    for (Group g : groups.values()) {
      unranked.add(standing(g, options));
    }
    unranked.sort(Comparator.comparingDouble(Standing::total).reversed()
        .thenComparing(s -> lower(s.model())));
    List<Standing> standings = new ArrayList<>();
    for (int i = 0; i < unranked.size(); i++) {
      Standing s = unranked.get(i);
      standings.add(new Standing(i + 1, s.model(), s.name(), s.resultNames(), s.profile(),
          s.measured(), s.scores(), s.total()));
    }

    TreeSet<String> suites = new TreeSet<>();
    results.forEach(r -> suites.add(r.suite()));
    Map<String, Measurements> references = new LinkedHashMap<>();
    referenceResults.forEach((name, rs) ->
        references.put(name, Measure.of(new ArrayList<>(rs.values()), options)));
    return new Ranking(standings, new ArrayList<>(suites), references);
  }

  /** The models with measured results, best first. */
  public List<Standing> measured() {
    return standings.stream().filter(Standing::isMeasured)
        .collect(Collectors.toUnmodifiableList());
  }

  /** The standing of a model, by catalog id or results' model name (ignoring case). */
  public Optional<Standing> standing(String model) {
    String wanted = lower(model);
    return standings.stream()
        .filter(s -> lower(s.model()).equals(wanted)
            || s.resultNames().stream().anyMatch(n -> lower(n).equals(wanted)))
        .findFirst();
  }

  /** The catalog entry a results' model name stands for, by the rules above. */
  static Optional<ModelProfile> match(String name, ModelCatalog catalog, RankOptions options) {
    Optional<String> alias = options.alias(name);
    if (alias.isPresent()) {
      return Optional.of(catalog.find(alias.get()).orElseThrow(() -> new IllegalArgumentException(
          "alias " + name + "=" + alias.get() + " names no catalog entry: use a catalog id or"
              + " Hugging Face id ('ratchet models' lists them)")));
    }
    List<String> candidates = new ArrayList<>();
    candidates.add(name.strip());
    int colon = name.indexOf(':');
    if (colon >= 0 && colon < name.length() - 1) {
      candidates.add(name.substring(colon + 1).strip());
    }
    for (String c : candidates) {
      Optional<ModelProfile> found = catalog.find(c);
      if (found.isPresent()) {
        return found;
      }
    }
    return candidates.stream().map(catalog::findServed).flatMap(Optional::stream).findFirst();
  }

  private static Standing standing(Group g, RankOptions options) {
    Measurements m = g.results.isEmpty() ? Measurements.none()
        : Measure.of(new ArrayList<>(g.results.values()), options);
    List<Score> scores = Rubric.score(g.profile, m);
    String model = g.profile.map(ModelProfile::id).orElse(g.firstName);
    String name = g.profile.map(ModelProfile::name).orElse(g.firstName);
    return new Standing(1, model, name, g.names, g.profile, m, scores, Rubric.total(scores));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** One model's results while grouping. */
  private static final class Group {
    final Optional<ModelProfile> profile;
    final String firstName;
    final List<String> names = new ArrayList<>();
    final Map<String, EvalResult> results = new LinkedHashMap<>();

    Group(Optional<ModelProfile> profile, String firstName) {
      this.profile = profile;
      this.firstName = firstName;
    }
  }
}
