package dev.ratchet.testkit;

import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model client that answers from a script instead of a model, and records what it was asked.
 *
 * <p>Two modes: {@link #inOrder} hands out replies in order, whatever the requests say; {@link
 * #cassette} looks each request up by its {@link RequestHash}, so a test also fails when the
 * requests the loop builds drift from the ones recorded. Either mode fails loudly, with an {@link
 * IllegalStateException}, when it has no reply to give. Safe for use from several threads.
 */
public final class ScriptedModelClient implements ModelClient {

  private final List<ModelReply> script;
  private final Map<String, ModelReply> cassette;
  private final boolean byHash;
  private final List<ModelRequest> requests = new ArrayList<>();

  private ScriptedModelClient(
      List<ModelReply> script, Map<String, ModelReply> cassette, boolean byHash) {
    this.script = script;
    this.cassette = cassette;
    this.byHash = byHash;
  }

  /** Returns a client that answers the n-th request with the n-th reply, whatever it says. */
  public static ScriptedModelClient inOrder(ModelReply... replies) {
    return inOrder(List.of(replies));
  }

  /** Returns a client that answers the n-th request with the n-th reply of the list. */
  public static ScriptedModelClient inOrder(List<ModelReply> replies) {
    return new ScriptedModelClient(List.copyOf(replies), Map.of(), false);
  }

  /**
   * Returns a client that answers each request with the reply recorded under its {@link
   * RequestHash#of request hash}.
   *
   * @param recorded replies keyed by {@link RequestHash#of(ModelRequest)}
   * @throws IllegalArgumentException when a key is not a request hash
   */
  public static ScriptedModelClient cassette(Map<String, ModelReply> recorded) {
    Map<String, ModelReply> copy = Map.copyOf(recorded);
    for (String key : copy.keySet()) {
      if (!key.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "cassette key '"
                + key
                + "' is not a request hash; key each reply by RequestHash.of(request)");
      }
    }
    return new ScriptedModelClient(List.of(), copy, true);
  }

  /**
   * Returns the scripted reply for this request and records the request.
   *
   * @throws IllegalStateException when the script is exhausted, or the cassette has no reply for
   *     the request's hash
   */
  @Override
  public synchronized ModelReply reply(ModelRequest request) {
    Objects.requireNonNull(request, "request");
    requests.add(request);
    return byHash ? fromCassette(request) : fromScript(request);
  }

  private ModelReply fromScript(ModelRequest request) {
    int asked = requests.size();
    if (asked > script.size()) {
      throw new IllegalStateException(
          "script exhausted after "
              + script.size()
              + " replies; the loop asked for reply "
              + asked
              + " (iteration "
              + request.iteration()
              + "); script more replies or make the loop stop sooner");
    }
    return script.get(asked - 1);
  }

  private ModelReply fromCassette(ModelRequest request) {
    String hash = RequestHash.of(request);
    ModelReply reply = cassette.get(hash);
    if (reply == null) {
      String canonical = RequestHash.canonical(request);
      throw new IllegalStateException(
          "no recorded reply for request hash "
              + hash
              + " (iteration "
              + request.iteration()
              + ", "
              + cassette.size()
              + " recorded): the request drifted from the recording; re-record the cassette or"
              + " fix the drift. Diff RequestHash.canonical(request) against the recorded one;"
              + " its first 500 characters:\n"
              + canonical.substring(0, Math.min(500, canonical.length())));
    }
    return reply;
  }

  /** Returns every request received so far, oldest first, as an unmodifiable copy. */
  public synchronized List<ModelRequest> requests() {
    return List.copyOf(requests);
  }

  /** Returns {@code scripted}. */
  @Override
  public String name() {
    return "scripted";
  }
}
