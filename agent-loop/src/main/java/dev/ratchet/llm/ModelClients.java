package dev.ratchet.llm;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.ratchet.model.ModelClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Model clients for self-hosted servers, through LangChain4j.
 *
 * <pre>{@code
 * ModelClient vllm = ModelClients.openAi("http://127.0.0.1:8000/v1", "Qwen/Qwen3.5-27B")
 *     .temperature(0.2).seed(7).maxTokens(8192).build();          // channel probed on first use
 * ModelClient ollama = ModelClients.ollama("http://127.0.0.1:11434", "qwen3.5:27b").build();
 * ModelClient fromCli = ModelClients.parse("openai:http://127.0.0.1:8000/v1#qwen");
 * }</pre>
 *
 * <p>Defaults are set for local models: HTTP/1.1 (vLLM behind uvicorn rejects the h2c upgrade), a
 * ten-minute timeout per call, no retries inside LangChain4j (the loop retries, and counts it),
 * images sent with detail {@code high} and only when the model takes images.
 */
public final class ModelClients {

  private ModelClients() {}

  /** A client for an OpenAI-compatible server (vLLM, SGLang, LMDeploy, llama.cpp...). */
  public static Builder openAi(String baseUrl, String model) {
    return new Builder(Kind.OPENAI, baseUrl, model);
  }

  /** A client for Ollama's native API ({@code /api/chat}). */
  public static Builder ollama(String baseUrl, String model) {
    return new Builder(Kind.OLLAMA, baseUrl, model);
  }

  /**
   * A client from a command-line spec: {@code openai:BASE_URL#MODEL} or {@code
   * ollama:BASE_URL#MODEL}, such as {@code openai:http://127.0.0.1:8000/v1#qwen}.
   */
  public static ModelClient parse(String spec) {
    return fromSpec(spec).build();
  }

  /** A builder from a command-line spec (see {@link #parse}), for further settings. */
  public static Builder fromSpec(String spec) {
    int colon = spec.indexOf(':');
    int hash = spec.lastIndexOf('#');
    if (colon < 0 || hash < colon) {
      throw new IllegalArgumentException("model spec '" + spec + "' must look like"
          + " openai:http://127.0.0.1:8000/v1#MODEL or ollama:http://127.0.0.1:11434#MODEL");
    }
    String kind = spec.substring(0, colon);
    String url = spec.substring(colon + 1, hash);
    String model = spec.substring(hash + 1);
    return switch (kind) {
      case "openai" -> openAi(url, model);
      case "ollama" -> ollama(url, model);
      default -> throw new IllegalArgumentException("unknown model kind '" + kind
          + "' in '" + spec + "': use openai: or ollama:");
    };
  }

  private enum Kind { OPENAI, OLLAMA }

  /** Builds a client; every setting has a default for local models. */
  public static final class Builder {
    private final Kind kind;
    private final String baseUrl;
    private final String model;
    private String apiKey;
    private Double temperature;
    private Integer seed;
    private Integer maxTokens;
    private Duration timeout = Duration.ofMinutes(10);
    private Channel channel = Channel.AUTO;
    private boolean takesImages;
    private Conversation.WithoutVision withoutVision = Conversation.WithoutVision.REFUSE;
    private ImageContent.DetailLevel detail = ImageContent.DetailLevel.HIGH;
    private final Map<String, Object> extraBody = new LinkedHashMap<>();

    private Builder(Kind kind, String baseUrl, String model) {
      this.kind = kind;
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
      this.model = Objects.requireNonNull(model, "model");
      if (!this.baseUrl.startsWith("http://") && !this.baseUrl.startsWith("https://")) {
        throw new IllegalArgumentException("base URL '" + baseUrl + "' must start with http://"
            + " or https://");
      }
    }

    /** The API key the server expects (sent as a bearer token); none by default. */
    public Builder apiKey(String key) {
      this.apiKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** Sampling temperature (default: the server's). */
    public Builder temperature(double t) {
      this.temperature = t;
      return this;
    }

    /** Sampling seed, for reproducible runs where the server honours it. */
    public Builder seed(int seed) {
      this.seed = seed;
      return this;
    }

    /** The most tokens a reply may have ({@code max_tokens}). */
    public Builder maxTokens(int max) {
      this.maxTokens = max;
      return this;
    }

    /** Per-call timeout (connect and read); default ten minutes. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** The edit channel; default {@link Channel#AUTO} (probed on first use). */
    public Builder channel(Channel channel) {
      this.channel = Objects.requireNonNull(channel, "channel");
      return this;
    }

    /**
     * Whether the model takes images (say so from its catalog profile); images are refused for a
     * model that does not, unless {@link #describeImages()} is set.
     */
    public Builder takesImages(boolean takes) {
      this.takesImages = takes;
      return this;
    }

    /** For a model without vision, replace each image with a line of text saying it was left out. */
    public Builder describeImages() {
      this.withoutVision = Conversation.WithoutVision.DESCRIBE;
      return this;
    }

    /** The image detail level sent with each image (default high: "low" is LangChain4j's). */
    public Builder imageDetail(ImageContent.DetailLevel level) {
      this.detail = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * Extra fields merged into the request body's top level (OpenAI-compatible only), such as
     * {@code top_k} or {@code chat_template_kwargs}.
     */
    public Builder extraBody(String field, Object value) {
      if (kind != Kind.OPENAI) {
        throw new IllegalStateException("extra body fields are for OpenAI-compatible servers");
      }
      extraBody.put(field, value);
      return this;
    }

    /** Returns the client. */
    public ModelClient build() {
      ChatModel chat = kind == Kind.OPENAI ? openAiModel() : ollamaModel();
      Supplier<Channel> resolved;
      if (channel != Channel.AUTO) {
        Channel fixed = channel;
        resolved = () -> fixed;
      } else {
        resolved = new Supplier<>() {
          private volatile Channel chosen;

          @Override
          public Channel get() {
            if (chosen == null) {
              chosen = capabilities(chat).channel();
            }
            return chosen;
          }
        };
      }
      return new ChatModelClient(kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + model,
          model, baseUrl, chat, resolved, takesImages, withoutVision, detail);
    }

    /** A client for questions whose answers must match a JSON schema (structured output). */
    public StructuredAnswer buildStructured() {
      return new StructuredAnswer(kind == Kind.OPENAI ? openAiModel() : ollamaModel(), baseUrl,
          model);
    }

    /**
     * What the endpoint serves ({@code /v1/models}, for OpenAI-compatible servers) and whether
     * tool calls and strict JSON schemas work, each tried with one tiny request; cached per
     * endpoint and model.
     */
    public Capabilities probe() {
      return capabilities(kind == Kind.OPENAI ? openAiModel() : ollamaModel());
    }

    private Capabilities capabilities(ChatModel chat) {
      Optional<Capabilities> listed = Optional.empty();
      if (kind == Kind.OPENAI) {
        try {
          listed = Optional.of(CapabilityProbe.models(baseUrl, Optional.ofNullable(apiKey),
              Duration.ofSeconds(30)));
        } catch (RuntimeException e) {
          // Some servers do not list models; the probe requests decide alone.
        }
      }
      return CapabilityProbe.probe(baseUrl, model, chat, listed);
    }

    private JdkHttpClientBuilder http() {
      return JdkHttpClient.builder()
          .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
          .connectTimeout(Duration.ofSeconds(Math.min(30, timeout.toSeconds())))
          .readTimeout(timeout);
    }

    private ChatModel openAiModel() {
      var b = OpenAiChatModel.builder()
          .baseUrl(baseUrl)
          .modelName(model)
          .httpClientBuilder(http())
          .timeout(timeout)
          .maxRetries(0)
          .strictJsonSchema(true)
          .returnThinking(true)
          .logRequests(false)
          .logResponses(false);
      if (apiKey != null) {
        b.apiKey(apiKey);
      }
      if (temperature != null) {
        b.temperature(temperature);
      }
      if (seed != null) {
        b.seed(seed);
      }
      if (maxTokens != null) {
        b.maxTokens(maxTokens);
      }
      if (!extraBody.isEmpty()) {
        b.customParameters(Map.copyOf(extraBody));
      }
      return b.build();
    }

    private ChatModel ollamaModel() {
      var b = OllamaChatModel.builder()
          .baseUrl(baseUrl)
          .modelName(model)
          .httpClientBuilder(http())
          .timeout(timeout)
          .maxRetries(0)
          .returnThinking(true)
          .logRequests(false)
          .logResponses(false);
      if (temperature != null) {
        b.temperature(temperature);
      }
      if (seed != null) {
        b.seed(seed);
      }
      if (maxTokens != null) {
        b.numPredict(maxTokens);
      }
      return b.build();
    }
  }
}
