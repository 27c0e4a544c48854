package dev.ratchet.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The facts about one self-hostable model: what it takes in, how big it is, what its makers
 * report on coding benchmarks, how to serve it and what the hardware costs.
 *
 * <p>Free-text facts are kept in their source's words. Two words mark a fact as absent: {@value
 * #UNSPECIFIED} (the survey says the official sources do not give it) and {@value #UNKNOWN}
 * (nobody consulted says). The built-in catalog cites where every fact came from in {@link
 * #sources()}.
 *
 * @param id short kebab-case name, unique in a catalog, e.g. {@code qwen3.5-27b}
 * @param family the model family variants share, e.g. {@code Gemma 4}
 * @param name the display name, e.g. {@code Gemma 4 E4B}
 * @param huggingFaceId the Hugging Face repository of the weights, e.g. {@code Qwen/Qwen3.5-27B}
 * @param licence the licence in the source's words
 * @param modalities what goes in and comes out
 * @param parameters total and active parameter counts and the architecture
 * @param context the context length as stated, e.g. {@code 256K} or {@code 262,144 (extensible
 *     to ~1,010,000)}; see {@link #contextLength()}
 * @param scores officially reported coding scores
 * @param toolCalling whether the model does native tool (function) calling
 * @param serving the recommended serving engine and launch flags
 * @param deployment the recommended GPU configuration and its estimated purchase cost
 * @param notes caveats and conflicts between sources, one sentence or a few each
 * @param sources where the facts came from: a survey section or a documentation URL each
 */
public record ModelProfile(
    String id,
    String family,
    String name,
    String huggingFaceId,
    String licence,
    Modalities modalities,
    Parameters parameters,
    String context,
    CodingScores scores,
    Support toolCalling,
    Serving serving,
    Deployment deployment,
    List<String> notes,
    List<Source> sources) {

  /** The survey says the official sources do not give this fact. */
  public static final String UNSPECIFIED = "unspecified";

  /** Neither the survey nor the documentation consulted gives this fact. */
  public static final String UNKNOWN = "unknown";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.]*(-[a-z0-9.]+)*");

  /** Validates every field and copies the lists. */
  public ModelProfile {
    requireText(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id '" + id + "' is not kebab-case: use lower-case"
          + " letters, digits and dots in words joined by single '-', e.g. qwen3.5-27b");
    }
    requireText(family, "family");
    requireText(name, "name");
    requireText(huggingFaceId, "huggingFaceId");
    if (!huggingFaceId.matches("[^/\\s]+/[^/\\s]+")) {
      throw new IllegalArgumentException("huggingFaceId '" + huggingFaceId
          + "' is not of the form owner/name, e.g. Qwen/Qwen3.5-27B");
    }
    requireText(licence, "licence");
    Objects.requireNonNull(modalities, "modalities");
    Objects.requireNonNull(parameters, "parameters");
    requireText(context, "context");
    ContextLength.parse(context);
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(toolCalling, "toolCalling");
    Objects.requireNonNull(serving, "serving");
    Objects.requireNonNull(deployment, "deployment");
    notes = List.copyOf(notes);
    notes.forEach(n -> requireText(n, "notes[]"));
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("sources is empty: name at least one source for the"
          + " facts (a document section or a URL)");
    }
  }

  /** Whether the model takes images as input. */
  public boolean takesImages() {
    return modalities.images() == Support.YES;
  }

  /** Whether the model takes video as input. */
  public boolean takesVideo() {
    return modalities.video() == Support.YES;
  }

  /** Whether the model takes audio as input. */
  public boolean takesAudio() {
    return modalities.audio() == Support.YES;
  }

  /** Whether the model does native tool calling ({@code false} when that is unknown). */
  public boolean nativeToolCalling() {
    return toolCalling == Support.YES;
  }

  /**
   * The context length in tokens, read from the leading number of {@link #context()}, where
   * {@code K} is 1,024 and {@code M} is 1,048,576 tokens; empty when the context is {@value
   * #UNSPECIFIED} or {@value #UNKNOWN}.
   */
  public OptionalInt contextLength() {
    return ContextLength.parse(context);
  }

  /** A ready-to-paste launch line for the recommended engine, e.g. {@code vllm serve ...}. */
  public String servingCommand() {
    return serving.command();
  }

  /** The estimated GPU purchase cost in US dollars; empty when no configuration is given. */
  public OptionalLong estimatedCostUsd() {
    return deployment instanceof Deployment.Gpus
        ? OptionalLong.of(((Deployment.Gpus) deployment).estimatedCostUsd())
        : OptionalLong.empty();
  }

  static void requireText(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is blank: write the fact, or '" + UNKNOWN
          + "' when no source gives it");
    }
  }

  static boolean absent(String fact) {
    return fact.equals(UNSPECIFIED) || fact.equals(UNKNOWN);
  }

  /** Whether a source says a model has a capability. */
  public enum Support {
    /** A source says it does. */
    YES,
    /** A source says it does not. */
    NO,
    /** No source consulted says. */
    UNKNOWN;

    /** The word used in catalog files: {@code yes}, {@code no} or {@code unknown}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What goes into and comes out of a model.
   *
   * @param input the input modalities in the source's words, e.g. {@code image+text}
   * @param output the output modalities in the source's words, e.g. {@code text}
   * @param images whether it takes images
   * @param video whether it takes video
   * @param audio whether it takes audio
   */
  public record Modalities(
      String input, String output, Support images, Support video, Support audio) {

    /** Validates the fields. */
    public Modalities {
      requireText(input, "input");
      requireText(output, "output");
      Objects.requireNonNull(images, "images");
      Objects.requireNonNull(video, "video");
      Objects.requireNonNull(audio, "audio");
    }
  }

  /**
   * A model's size, in the source's words.
   *
   * @param total total parameters, e.g. {@code 1T}
   * @param active parameters active per token, e.g. {@code 32B}; for a dense model the total
   * @param architecture the architecture in a few words, e.g. {@code MoE, 384 experts}
   */
  public record Parameters(String total, String active, String architecture) {

    /** Validates the fields. */
    public Parameters {
      requireText(total, "total");
      requireText(active, "active");
      requireText(architecture, "architecture");
    }
  }

  /**
   * Coding scores as the model's makers report them. Each score is the source's text, naming
   * its benchmark and, where the source says, the setting: {@code LiveCodeBench v6 85.0}, {@code
   * MBPP 77.6 (pretrained)}; or {@value ModelProfile#UNSPECIFIED}.
   *
   * @param sweBenchVerified SWE-bench Verified
   * @param liveCodeBench LiveCodeBench (the text names the version or window)
   * @param terminalBench TerminalBench (the text names the version)
   * @param humanEval HumanEval
   * @param mbpp MBPP
   * @param codeforces Codeforces rating
   * @param evidence the source's whole statement on coding, verbatim; empty when there is none
   */
  public record CodingScores(
      String sweBenchVerified,
      String liveCodeBench,
      String terminalBench,
      String humanEval,
      String mbpp,
      String codeforces,
      String evidence) {

    /** Validates that each score is absent or names its benchmark. */
    public CodingScores {
      check(sweBenchVerified, "sweBenchVerified", "SWE-bench Verified");
      check(liveCodeBench, "liveCodeBench", "LiveCodeBench");
      check(terminalBench, "terminalBench", "TerminalBench");
      check(humanEval, "humanEval", "HumanEval");
      check(mbpp, "mbpp", "MBPP");
      check(codeforces, "codeforces", "Codeforces");
      Objects.requireNonNull(evidence, "evidence");
    }

    /** The scores a source gives, in the order of the components; unspecified ones left out. */
    public List<String> reported() {
      List<String> out = new ArrayList<>();
      for (String s :
          List.of(sweBenchVerified, liveCodeBench, terminalBench, humanEval, mbpp, codeforces)) {
        if (!absent(s)) {
          out.add(s);
        }
      }
      return List.copyOf(out);
    }

    private static void check(String score, String field, String benchmark) {
      requireText(score, field);
      if (!absent(score) && !score.startsWith(benchmark)) {
        throw new IllegalArgumentException(field + " '" + score + "' does not name its benchmark:"
            + " write it as the source does, starting with '" + benchmark + "' (e.g. '"
            + benchmark + " 72.0'), or '" + UNSPECIFIED + "'");
      }
    }
  }

  /** A serving engine the launch line can be written for. */
  public enum Engine {
    /** vLLM's OpenAI-compatible server, {@code vllm serve}. */
    VLLM,
    /** SGLang's server, {@code python3 -m sglang.launch_server}. */
    SGLANG;

    /** The word used in catalog files: {@code vllm} or {@code sglang}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How to serve a model: the engine and the flags of its launch line.
   *
   * <p>A parser is a name the engine knows ({@code kimi_k2}, {@code qwen3}), {@code none} (the
   * documented launch line uses none) or {@value ModelProfile#UNKNOWN}; only names become flags.
   *
   * @param engine the serving engine
   * @param checkpoint the Hugging Face repository to serve; usually the model's own, sometimes an
   *     official quantized one that fits the recommended GPUs
   * @param tensorParallelSize the number of GPUs to shard over, at least 1
   * @param toolCallParser the tool-call parser ({@code --tool-call-parser})
   * @param reasoningParser the reasoning parser ({@code --reasoning-parser})
   * @param tokenizerMode the tokenizer mode ({@code --tokenizer-mode}); {@code auto} is the
   *     engine's default and adds no flag
   * @param trustRemoteCode whether the launch line passes {@code --trust-remote-code}
   * @param extraArgs further arguments, one token each, in order
   */
  public record Serving(
      Engine engine,
      String checkpoint,
      int tensorParallelSize,
      String toolCallParser,
      String reasoningParser,
      String tokenizerMode,
      Support trustRemoteCode,
      List<String> extraArgs) {

    /** The parser value meaning the documented launch line uses no parser. */
    public static final String NONE = "none";

    /** Validates the fields and copies the list. */
    public Serving {
      Objects.requireNonNull(engine, "engine");
      requireText(checkpoint, "checkpoint");
      if (tensorParallelSize < 1) {
        throw new IllegalArgumentException("tensorParallelSize is " + tensorParallelSize
            + ": use the number of GPUs to shard over, at least 1");
      }
      requireText(toolCallParser, "toolCallParser");
      requireText(reasoningParser, "reasoningParser");
      requireText(tokenizerMode, "tokenizerMode");
      Objects.requireNonNull(trustRemoteCode, "trustRemoteCode");
      extraArgs = List.copyOf(extraArgs);
      extraArgs.forEach(a -> Objects.requireNonNull(a, "extraArgs[]"));
    }

    /** A ready-to-paste launch line on one line, with arguments quoted for a POSIX shell. */
    public String command() {
      return LaunchLine.of(this);
    }
  }

  /** The recommended GPU configuration and its estimated purchase cost, or none given. */
  public sealed interface Deployment permits Deployment.Gpus, Deployment.Unspecified {

    /**
     * The configuration in a few words, e.g. {@code 8×H100 80GB}, or {@value
     * ModelProfile#UNSPECIFIED}.
     */
    String configuration();

    /**
     * GPUs to buy: {@code count} × {@code gpu} at {@code unitPriceUsd} each.
     *
     * @param gpu the GPU model and memory, e.g. {@code H100 80GB}
     * @param count how many, at least 1
     * @param unitPriceUsd the estimated unit price in US dollars
     * @param estimatedCostUsd the estimated total, which must equal {@code count * unitPriceUsd}
     */
    record Gpus(String gpu, int count, long unitPriceUsd, long estimatedCostUsd)
        implements Deployment {

      /** Validates the fields and that the total is the product. */
      public Gpus {
        requireText(gpu, "gpu");
        if (count < 1) {
          throw new IllegalArgumentException("count is " + count + ": use at least 1 GPU");
        }
        if (unitPriceUsd < 0 || estimatedCostUsd != count * unitPriceUsd) {
          throw new IllegalArgumentException("estimatedCostUsd " + estimatedCostUsd + " is not "
              + count + " × " + unitPriceUsd + ": write the total as count × unit price");
        }
      }

      @Override
      public String configuration() {
        return count + "×" + gpu;
      }
    }

    /** The source gives no configuration. */
    record Unspecified() implements Deployment {
      @Override
      public String configuration() {
        return UNSPECIFIED;
      }
    }
  }

  /**
   * Where some facts came from.
   *
   * @param ref a document section (e.g. {@code model-survey.md § ...}) or a URL
   * @param covers which facts it supports, in a few words
   */
  public record Source(String ref, String covers) {

    /** Validates the fields. */
    public Source {
      requireText(ref, "ref");
      requireText(covers, "covers");
    }
  }
}
