package dev.ratchet.eval.rank;

import dev.ratchet.models.ModelProfile;
import dev.ratchet.models.ModelProfile.CodingScores;
import dev.ratchet.models.ModelProfile.Support;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The survey's ranking rubric: five {@link Dimension}s, each scored 0–10 by the rules below,
 * and the total, their weighted sum (0–10). Every rule is deterministic and every score says
 * where its evidence came from ({@link Provenance}) and why.
 *
 * <ol>
 *   <li><b>Programming &amp; systems engineering (35%).</b> Measured: each suite the model ran
 *       that is not multimodal counts once, a completion suite by its mean pass@1, a repository
 *       suite by its resolved share; the score is 10 × their mean (0% → 0, 100% → 10).
 *       Otherwise <i>reported, not measured</i>: each coding score in the catalog is read as
 *       its last number outside parentheses; SWE-bench Verified, LiveCodeBench, TerminalBench,
 *       HumanEval and MBPP map x% → x/10, a Codeforces rating r → r/300 (at most 10); the score
 *       is their mean. Otherwise unknown: 0.
 *   <li><b>Multimodal usefulness (20%).</b> Catalog: takes images 7, video +2, audio +1. When a
 *       multimodal suite was measured (see {@link RankOptions#isMultimodal}): the mean of the
 *       catalog score and 10 × the suites' mean pass rate.
 *   <li><b>Self-hosting efficiency (25%).</b> Catalog: 0.5 × cost + 0.25 × active parameters +
 *       0.25 × context; GPU cost c (USD) scores 10 − (10/3)·log10(c/1,000) ($1,000 → 10,
 *       $1,000,000 → 0); active parameters p (billions) score 10 − (10/3)·log10(p) (1B → 10,
 *       1T → 0); context t (tokens) scores 10 − 1.5·log2(262,144/t) (256K → 10, 4K → 1); each
 *       clamped to 0–10, an unknown one counting 5. When tokens per second were measured: 0.8 ×
 *       that + 0.2 × speed, s tokens/s scoring 5·log10(s) (1 → 0, 100 → 10).
 *   <li><b>Tool-use readiness (10%).</b> Catalog: native tool calling yes 6, unknown 2, no 0;
 *       +2 when the serving line names a tool-call parser; +2 for an OpenAI-compatible engine
 *       (vLLM, SGLang). When tool calls were recorded: the mean of that and 10 × the share of
 *       well-formed tool calls.
 *   <li><b>Licence &amp; ecosystem (10%).</b> Catalog: 0.7 × licence + 0.3 × ecosystem;
 *       licence exactly Apache-2.0 or MIT 10, Modified MIT 8, a Llama community licence 6,
 *       unspecified 3, any other (custom) 5; ecosystem 2.5 per serving engine named (at most 10).
 * </ol>
 *
 * <p>A model with no catalog entry scores only from measurements: a dimension with neither is
 * unknown and scores 0. {@link #rules()} is the same text as reports print it.
 */
public final class Rubric {
  /** Context length that scores 10: 256K tokens. */
  static final int FULL_CONTEXT = 262_144;

  private static final List<String[]> RULES = List.of(
      new String[] {"Total",
          "Each model gets 0–10 per dimension; the total is the weighted sum, 0–10: programming"
              + " & systems engineering 35%, multimodal usefulness 20%, self-hosting efficiency"
              + " 25%, tool-use readiness 10%, licence & ecosystem 10%. Models in the catalog"
              + " with no results are ranked from catalog facts alone and marked 'reported"
              + " only'. Vendors' reported scores come from other benchmarks than Ratchet's"
              + " Rust suites, so compare measured models with each other first. Ties go by"
              + " id."},
      new String[] {"Provenance",
          "MEASURED: computed from the results files (mixed with catalog facts where a rule says"
              + " so). REPORTED: the vendors' benchmark scores as the catalog records them:"
              + " reported, not measured. CATALOG: other catalog facts (licence, modalities,"
              + " hardware, serving). UNKNOWN: no evidence, the score is 0."},
      new String[] {"Programming & systems engineering (35%)",
          "Measured: every suite the model ran that is not multimodal counts once, a completion"
              + " suite by its mean pass@1 (unbiased estimator over the samples), a repository"
              + " suite by its resolved share; score = 10 × the mean of these (0% → 0, 100% →"
              + " 10). Otherwise REPORTED (reported, not measured): each coding score of the"
              + " catalog is read as its last number outside parentheses; SWE-bench Verified,"
              + " LiveCodeBench, TerminalBench, HumanEval and MBPP map x% → x/10, a Codeforces"
              + " rating r → r/300 (at most 10); score = their mean. Otherwise UNKNOWN: 0."},
      new String[] {"Multimodal usefulness (20%)",
          "CATALOG: takes images 7, takes video +2, takes audio +1 (inputs the catalog marks"
              + " 'yes'). MEASURED when a multimodal suite ran (its name contains multimodal,"
              + " vision, image or screenshot, or it was named as multimodal): the mean of the"
              + " catalog score and 10 × the mean pass@1 of those suites (the measured part alone"
              + " without a catalog entry). Multimodal suites do not count for programming."},
      new String[] {"Self-hosting efficiency (25%)",
          "CATALOG: 0.5 × cost + 0.25 × active parameters + 0.25 × context, where the"
              + " recommended GPUs' cost c USD scores 10 − (10/3)·log10(c / 1,000) ($1,000 → 10,"
              + " $1,000,000 → 0), active parameters p billions score 10 − (10/3)·log10(p) (1B →"
              + " 10, 1T → 0) and context t tokens scores 10 − 1.5·log2(262,144 / t) (256K or more"
              + " → 10, 4K → 1), each clamped to 0–10; an unknown component counts 5. MEASURED"
              + " when tokens per second were measured: 0.8 × the catalog score + 0.2 × speed,"
              + " s tokens/s scoring 5·log10(s) (1 → 0, 100 or more → 10); the speed alone"
              + " without a catalog entry. Latency is not scored unless measured."},
      new String[] {"Tool-use readiness (10%)",
          "CATALOG: native tool calling yes 6, unknown 2, no 0; +2 when the serving line names a"
              + " tool-call parser; +2 when the engine serves an OpenAI-compatible API (vLLM,"
              + " SGLang). MEASURED when repository runs recorded tool calls: the mean of the"
              + " catalog score and 10 × the tool-call validity rate (the share of tool calls"
              + " that were well formed); the measured part alone without a catalog entry."},
      new String[] {"Licence & ecosystem (10%)",
          "CATALOG: 0.7 × licence + 0.3 × ecosystem. Licence: exactly Apache-2.0 or MIT 10,"
              + " Modified MIT 8, a Llama community licence 6, unspecified 3, any other (custom)"
              + " 5. Ecosystem: 2.5 per serving engine the entry names (its serving engine, and"
              + " vLLM, SGLang, LMDeploy, Transformers, KTransformers, llama.cpp, mistral.rs or"
              + " Ollama in its notes), at most 10."},
      new String[] {"Measured alongside, not scored",
          "Latency: mean and median model time per completion sample. Tokens/s: output tokens"
              + " over model time. Tool-call validity: well-formed share of the tool calls of"
              + " repository runs. Iterations to success: mean loop iterations of resolved"
              + " instances. Gate time: mean gate time per repository instance. Solved tasks per"
              + " dollar: solved attempts / (their model hours × recommended GPU cost / 26,280 h),"
              + " that is the GPU purchase spread over three years of continuous use, GPU only,"
              + " sequential requests (batching does better), assuming the measured speed was on"
              + " the recommended GPUs."});

  private Rubric() {}

  /** The five scores of a model, in {@link Dimension} order. */
  public static List<Score> score(Optional<ModelProfile> profile, Measurements measured) {
    return List.of(programming(profile, measured), multimodal(profile, measured),
        selfHosting(profile, measured), toolUse(profile, measured), licence(profile));
  }

  /** The weighted sum of the scores, from 0 to 10. */
  public static double total(List<Score> scores) {
    return scores.stream().mapToDouble(Score::weighted).sum();
  }

  /** The scoring rules as reports print them: one paragraph per rule, headed {@code **...**}. */
  public static String rules() {
    return RULES.stream().map(r -> "**" + r[0] + ".** " + r[1]).collect(Collectors.joining("\n\n"))
        + "\n";
  }

  /** The rules as (heading, text) pairs. */
  static List<Map.Entry<String, String>> ruleList() {
    return RULES.stream().map(r -> Map.entry(r[0], r[1])).collect(Collectors.toUnmodifiableList());
  }

  // ---- programming

  static Score programming(Optional<ModelProfile> profile, Measurements m) {
    List<SuiteResult> suites = m.programmingSuites();
    if (!suites.isEmpty()) {
      double mean = suites.stream().mapToDouble(SuiteResult::passAt1).average().orElse(0);
      String parts = suites.stream().map(Rubric::describe).collect(Collectors.joining(", "));
      return new Score(Dimension.PROGRAMMING, clamp(10 * mean), Provenance.MEASURED,
          "10 × mean of " + suites.size() + (suites.size() == 1 ? " suite: " : " suites: ")
              + parts);
    }
    if (profile.isPresent()) {
      CodingScores s = profile.get().scores();
      List<Double> values = new ArrayList<>();
      List<String> parts = new ArrayList<>();
      for (String text : List.of(s.sweBenchVerified(), s.liveCodeBench(), s.terminalBench(),
          s.humanEval(), s.mbpp(), s.codeforces())) {
        OptionalDouble x = CatalogFacts.reportedNumber(text);
        if (x.isPresent()) {
          double v = text.startsWith("Codeforces") ? codeforcesScore(x.getAsDouble())
              : clamp(x.getAsDouble() / 10);
          values.add(v);
          parts.add(text + " → " + Fmt.one(v));
        }
      }
      if (!values.isEmpty()) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new Score(Dimension.PROGRAMMING, clamp(mean), Provenance.REPORTED,
            "reported, not measured: mean of " + String.join(", ", parts));
      }
      return new Score(Dimension.PROGRAMMING, 0, Provenance.UNKNOWN,
          "no measured results, and the catalog reports no coding score");
    }
    return new Score(Dimension.PROGRAMMING, 0, Provenance.UNKNOWN,
        "no measured results and no catalog entry");
  }

  /** A Codeforces rating r → r/300, at most 10. */
  static double codeforcesScore(double rating) {
    return clamp(rating / 300);
  }

  private static String describe(SuiteResult s) {
    switch (s.kind()) {
      case COMPLETION:
        return s.suite() + " pass@1 " + Fmt.pct(s.passAt1());
      case REPOSITORY:
        return s.suite() + " resolved " + Fmt.pct(s.passAt1());
      default:
        return s.suite() + " solved " + Fmt.pct(s.passAt1());
    }
  }

  // ---- multimodal

  static Score multimodal(Optional<ModelProfile> profile, Measurements m) {
    List<SuiteResult> suites = m.multimodalSuites();
    OptionalDouble catalog = profile.isPresent()
        ? OptionalDouble.of(modalityScore(profile.get())) : OptionalDouble.empty();
    String catalogWhy = profile.map(Rubric::modalityWhy).orElse("");
    if (!suites.isEmpty()) {
      double rate = suites.stream().mapToDouble(SuiteResult::passAt1).average().orElse(0);
      double measured = clamp(10 * rate);
      String parts = suites.stream().map(Rubric::describe).collect(Collectors.joining(", "));
      if (catalog.isPresent()) {
        return new Score(Dimension.MULTIMODAL, clamp((catalog.getAsDouble() + measured) / 2),
            Provenance.MEASURED, "mean of catalog " + Fmt.one(catalog.getAsDouble()) + " ("
                + catalogWhy + ") and measured " + Fmt.one(measured) + " (" + parts + ")");
      }
      return new Score(Dimension.MULTIMODAL, measured, Provenance.MEASURED,
          "no catalog entry; measured " + parts);
    }
    if (catalog.isPresent()) {
      return new Score(Dimension.MULTIMODAL, catalog.getAsDouble(), Provenance.CATALOG,
          catalogWhy + "; no multimodal suite measured");
    }
    return new Score(Dimension.MULTIMODAL, 0, Provenance.UNKNOWN,
        "no catalog entry and no multimodal suite measured");
  }

  static double modalityScore(ModelProfile p) {
    return (p.takesImages() ? 7 : 0) + (p.takesVideo() ? 2 : 0) + (p.takesAudio() ? 1 : 0);
  }

  private static String modalityWhy(ModelProfile p) {
    List<String> yes = new ArrayList<>();
    List<String> no = new ArrayList<>();
    (p.takesImages() ? yes : no).add("images");
    (p.takesVideo() ? yes : no).add("video");
    (p.takesAudio() ? yes : no).add("audio");
    String text = yes.isEmpty() ? "takes no images, video or audio"
        : "takes " + String.join(", ", yes);
    return text + (yes.isEmpty() || no.isEmpty() ? "" : "; not " + String.join(", ", no))
        + " → " + Fmt.one(modalityScore(p));
  }

  // ---- self-hosting

  static Score selfHosting(Optional<ModelProfile> profile, Measurements m) {
    OptionalDouble tps = m.tokensPerSecond();
    String speedWhy = tps.isPresent() ? "measured " + Fmt.one(tps.getAsDouble())
        + " tokens/s → " + Fmt.one(speedScore(tps.getAsDouble())) : "";
    if (profile.isPresent()) {
      ModelProfile p = profile.get();
      OptionalLong cost = p.estimatedCostUsd();
      double costScore = cost.isPresent() ? costScore(cost.getAsLong()) : 5;
      OptionalDouble active = CatalogFacts.activeBillions(p);
      double activeScore = active.isPresent() ? activeScore(active.getAsDouble()) : 5;
      OptionalInt context = p.contextLength();
      double contextScore = context.isPresent() ? contextScore(context.getAsInt()) : 5;
      double catalog = clamp(0.5 * costScore + 0.25 * activeScore + 0.25 * contextScore);
      String why = (cost.isPresent() ? "cost " + Fmt.usd(cost.getAsLong()) + " ("
              + p.deployment().configuration() + ")" : "cost unspecified")
          + " → " + Fmt.one(costScore) + ", "
          + (active.isPresent() ? "active " + trim(active.getAsDouble()) + "B" : "active unknown")
          + " → " + Fmt.one(activeScore) + ", "
          + (context.isPresent() ? "context " + Fmt.tokens(context.getAsInt())
              : "context unspecified")
          + " → " + Fmt.one(contextScore);
      if (tps.isPresent()) {
        double v = clamp(0.8 * catalog + 0.2 * speedScore(tps.getAsDouble()));
        return new Score(Dimension.SELF_HOSTING, v, Provenance.MEASURED,
            "0.8 × catalog " + Fmt.one(catalog) + " (" + why + ") + 0.2 × " + speedWhy);
      }
      return new Score(Dimension.SELF_HOSTING, catalog, Provenance.CATALOG,
          why + "; tokens/s not measured");
    }
    if (tps.isPresent()) {
      return new Score(Dimension.SELF_HOSTING, speedScore(tps.getAsDouble()),
          Provenance.MEASURED, "no catalog entry; " + speedWhy);
    }
    return new Score(Dimension.SELF_HOSTING, 0, Provenance.UNKNOWN,
        "no catalog entry and no measured tokens/s");
  }

  /** GPU cost c USD → 10 − (10/3)·log10(c / 1,000), clamped. */
  static double costScore(long usd) {
    return usd <= 0 ? 10 : clamp(10 - 10.0 / 3 * Math.log10(usd / 1000.0));
  }

  /** Active parameters p (billions) → 10 − (10/3)·log10(p), clamped. */
  static double activeScore(double billions) {
    return billions <= 0 ? 10 : clamp(10 - 10.0 / 3 * Math.log10(billions));
  }

  /** Context t tokens → 10 − 1.5·log2(262,144 / t), clamped. */
  static double contextScore(int tokens) {
    return tokens <= 0 ? 0
        : clamp(10 - 1.5 * (Math.log((double) FULL_CONTEXT / tokens) / Math.log(2)));
  }

  /** Speed s tokens/s → 5·log10(s), clamped. */
  static double speedScore(double tokensPerSecond) {
    return tokensPerSecond <= 0 ? 0 : clamp(5 * Math.log10(tokensPerSecond));
  }

  // ---- tool use

  static Score toolUse(Optional<ModelProfile> profile, Measurements m) {
    OptionalDouble validity = m.toolCallValidity();
    String measuredWhy = validity.isPresent() ? "measured validity " + Fmt.pct(validity
        .getAsDouble()) + " of " + m.toolCalls() + " tool calls → "
        + Fmt.one(10 * validity.getAsDouble()) : "";
    if (profile.isPresent()) {
      ModelProfile p = profile.get();
      Support calling = p.toolCalling();
      double base = calling == Support.YES ? 6 : calling == Support.UNKNOWN ? 2 : 0;
      boolean parser = CatalogFacts.namesToolParser(p);
      boolean openAi = p.serving().engine() == ModelProfile.Engine.VLLM
          || p.serving().engine() == ModelProfile.Engine.SGLANG;
      double catalog = base + (parser ? 2 : 0) + (openAi ? 2 : 0);
      String why = "native tool calling " + calling.word() + " → " + Fmt.one(base)
          + (parser ? ", tool-call parser " + p.serving().toolCallParser() + " +2"
              : ", no tool-call parser named")
          + (openAi ? ", OpenAI-compatible " + engineName(p) + " +2" : "");
      if (validity.isPresent()) {
        double v = clamp((catalog + 10 * validity.getAsDouble()) / 2);
        return new Score(Dimension.TOOL_USE, v, Provenance.MEASURED, "mean of catalog "
            + Fmt.one(catalog) + " (" + why + ") and " + measuredWhy);
      }
      return new Score(Dimension.TOOL_USE, clamp(catalog), Provenance.CATALOG,
          why + "; no tool calls measured");
    }
    if (validity.isPresent()) {
      return new Score(Dimension.TOOL_USE, clamp(10 * validity.getAsDouble()),
          Provenance.MEASURED, "no catalog entry; " + measuredWhy);
    }
    return new Score(Dimension.TOOL_USE, 0, Provenance.UNKNOWN,
        "no catalog entry and no tool calls measured");
  }

  private static String engineName(ModelProfile p) {
    return p.serving().engine() == ModelProfile.Engine.VLLM ? "vLLM" : "SGLang";
  }

  // ---- licence

  static Score licence(Optional<ModelProfile> profile) {
    if (profile.isEmpty()) {
      return new Score(Dimension.LICENCE, 0, Provenance.UNKNOWN, "no catalog entry");
    }
    ModelProfile p = profile.get();
    LicenceClass lc = LicenceClass.of(p.licence());
    Set<String> engines = CatalogFacts.engines(p);
    double eco = Math.min(10, 2.5 * engines.size());
    return new Score(Dimension.LICENCE, clamp(0.7 * lc.score + 0.3 * eco), Provenance.CATALOG,
        "licence " + p.licence() + " (" + lc.word + ") → " + Fmt.one(lc.score) + "; engines "
            + String.join(", ", engines) + " → " + Fmt.one(eco));
  }

  /** The licence classes of the licence table, first match wins in this order. */
  enum LicenceClass {
    UNSPECIFIED("unspecified", 3),
    MODIFIED_MIT("Modified MIT", 8),
    PERMISSIVE("permissive", 10),
    LLAMA_COMMUNITY("Llama community", 6),
    CUSTOM("custom", 5);

    final String word;
    final double score;

    LicenceClass(String word, double score) {
      this.word = word;
      this.score = score;
    }

    /** The class of a licence text, as the catalog writes it. */
    static LicenceClass of(String licence) {
      String t = licence.strip().toLowerCase(Locale.ROOT);
      if (t.startsWith(ModelProfile.UNSPECIFIED) || t.startsWith(ModelProfile.UNKNOWN)
          || t.equals("—") || t.equals("-")) {
        return UNSPECIFIED;
      }
      if (t.contains("modified mit")) {
        return MODIFIED_MIT;
      }
      if (t.equals("apache-2.0") || t.equals("apache 2.0") || t.equals("mit")) {
        return PERMISSIVE;
      }
      if (t.contains("llama") && t.contains("community")) {
        return LLAMA_COMMUNITY;
      }
      return CUSTOM;
    }
  }

  // ---- helpers

  static double clamp(double v) {
    if (Double.isNaN(v)) {
      return 0;
    }
    return Math.max(0, Math.min(10, v));
  }

  private static String trim(double billions) {
    return billions == Math.rint(billions) ? String.valueOf((long) billions)
        : Fmt.one(billions);
  }
}
