package dev.ratchet.eval.rank;

import dev.ratchet.models.ModelProfile;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads numbers and names out of a catalog entry's free-text facts. */
final class CatalogFacts {
  private static final Pattern PARENTHESISED = Pattern.compile("\\([^()]*\\)");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([MBT])(?![a-z])");

  /** The serving engines the ecosystem rule counts, by display name and how text names them. */
  static final Map<String, Pattern> ENGINES = engines();

  private CatalogFacts() {}

  /**
   * The last number outside parentheses, e.g. 43.4 in {@code LiveCodeBench (10/2024–02/2025)
   * pass@1 43.4 (instruct)} or 50.8 in {@code TerminalBench 2.0 50.8}; empty when the score is
   * absent or has no number.
   */
  static OptionalDouble reportedNumber(String score) {
    if (score.equals(ModelProfile.UNSPECIFIED) || score.equals(ModelProfile.UNKNOWN)) {
      return OptionalDouble.empty();
    }
    String text = score;
    for (String before = ""; !before.equals(text); ) {
      before = text;
      text = PARENTHESISED.matcher(text).replaceAll(" ");
    }
    Matcher m = NUMBER.matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group();
    }
    return last == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(last));
  }

  /**
   * The active parameters in billions: the first size with a unit (M, B or T) in the catalog's
   * {@code parameters.active}, e.g. 3.8 for {@code 3.8B}, 3 for {@code A3B}, 22 for {@code ~22B
   * (implied)}; empty when unknown.
   */
  static OptionalDouble activeBillions(ModelProfile profile) {
    Matcher m = SIZE.matcher(profile.parameters().active());
    if (!m.find()) {
      return OptionalDouble.empty();
    }
    double n = Double.parseDouble(m.group(1));
    switch (m.group(2)) {
      case "M":
        return OptionalDouble.of(n / 1000);
      case "T":
        return OptionalDouble.of(n * 1000);
      default:
        return OptionalDouble.of(n);
    }
  }

  /**
   * The serving engines an entry names: its serving engine, and each engine of {@link #ENGINES}
   * that its notes mention.
   */
  static Set<String> engines(ModelProfile profile) {
    Set<String> found = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    found.add(profile.serving().engine() == ModelProfile.Engine.VLLM ? "vLLM" : "SGLang");
    String notes = String.join(" ", profile.notes());
    ENGINES.forEach((name, pattern) -> {
      if (pattern.matcher(notes).find()) {
        found.add(name);
      }
    });
    return found;
  }

  /** Whether the serving line names a tool-call parser (not {@code none} or unknown). */
  static boolean namesToolParser(ModelProfile profile) {
    String parser = profile.serving().toolCallParser().toLowerCase(Locale.ROOT);
    return !parser.equals(ModelProfile.Serving.NONE) && !parser.equals(ModelProfile.UNKNOWN)
        && !parser.equals(ModelProfile.UNSPECIFIED);
  }

  private static Map<String, Pattern> engines() {
    Map<String, Pattern> m = new LinkedHashMap<>();
    for (String name : new String[] {"vLLM", "SGLang", "LMDeploy", "Transformers",
        "KTransformers", "llama.cpp", "mistral.rs", "Ollama"}) {
      m.put(name, Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "(?![\\w])",
          Pattern.CASE_INSENSITIVE));
    }
    return m;
  }
}
