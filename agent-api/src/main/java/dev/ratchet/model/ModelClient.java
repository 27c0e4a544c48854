package dev.ratchet.model;

/**
 * Turns a request (task, history, feedback) into a reply of actions.
 *
 * <p>Implementations: LangChain4j adapters for OpenAI-compatible servers and Ollama, a scripted
 * client, a transcript replay, and the Rust compiler-suggestion proposer. A transient failure (a
 * timeout, a 429 or 5xx) is a {@link dev.ratchet.RetriableException}; the loop owns retries.
 */
@FunctionalInterface
public interface ModelClient {

  /** Returns the model's reply to one request. */
  ModelReply reply(ModelRequest request);

  /** A short name for reports and transcripts, such as the served model name. */
  default String name() {
    return getClass().getSimpleName();
  }
}
