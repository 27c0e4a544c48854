package dev.ratchet.testkit;

import dev.ratchet.RetriableException;
import dev.ratchet.action.Action;
import dev.ratchet.action.Edit;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import dev.ratchet.model.TokenUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection: model clients that behave like a delegate except on one chosen call, where they
 * misbehave the way real models and servers do.
 *
 * <p>Calls are counted from 1 per wrapper. A fault that replaces the call (a malformed reply, a
 * timeout, a thrown exception) does not reach the delegate, so a scripted delegate's next reply is
 * still there for the retry; a truncated reply is cut from the delegate's real reply. Wrappers
 * nest: {@code Faults.timeout(Faults.malformedReply(client, 2), 1)}.
 */
public final class Faults {

  /** The text of a malformed reply: no diff, no search/replace block, no file. */
  static final String GARBAGE =
      "Sure! The fix is obvious:\n\n}} fn ( ;; let => ?? \uFFFD\uFFFD\n"
          + "I will now write the patch ... ... ...\n<|endoftext|>";

  /** The metadata key a faulty reply is marked with, valued with the kind of fault. */
  static final String FAULT_KEY = "ratchet.testkit.fault";

  private Faults() {}

  /**
   * Returns a client that, on call {@code onCall}, replies with garbage text (not a diff) and no
   * actions, instead of asking the delegate.
   */
  public static ModelClient malformedReply(ModelClient delegate, int onCall) {
    return new Faulty(
        delegate,
        onCall,
        (request, call) ->
            new ModelReply(
                GARBAGE,
                List.of(),
                TokenUsage.ZERO,
                ModelReply.FinishReason.STOP,
                Map.of(FAULT_KEY, "malformedReply")));
  }

  /**
   * Returns a client that, on call {@code onCall}, throws a {@link RetriableException} saying the
   * model call timed out, instead of asking the delegate.
   */
  public static ModelClient timeout(ModelClient delegate, int onCall) {
    return new Faulty(
        delegate,
        onCall,
        (request, call) -> {
          throw new RetriableException(
              "model call timed out after 60 s (fault injected by Faults.timeout on call "
                  + call
                  + ", iteration "
                  + request.iteration()
                  + ")");
        });
  }

  /**
   * Returns a client that, on call {@code onCall}, returns the delegate's reply cut off as if the
   * output token limit was hit: {@link ModelReply.FinishReason#LENGTH}, the text cut in half, and
   * the text of every {@link Edit.Patch} action cut in half too.
   */
  public static ModelClient truncatedReply(ModelClient delegate, int onCall) {
    return new Faulty(delegate, onCall, (request, call) -> truncate(delegate.reply(request)));
  }

  /**
   * Returns a client that, on call {@code onCall}, throws the given exception instead of asking the
   * delegate (the same instance on every use of the wrapper).
   */
  public static ModelClient failing(ModelClient delegate, int onCall, RuntimeException e) {
    Objects.requireNonNull(e, "e");
    return new Faulty(
        delegate,
        onCall,
        (request, call) -> {
          throw e;
        });
  }

  private static ModelReply truncate(ModelReply reply) {
    List<Action> actions = new ArrayList<>();
    for (Action action : reply.actions()) {
      actions.add(action instanceof Edit.Patch p ? new Edit.Patch(half(p.text())) : action);
    }
    Map<String, String> metadata = new HashMap<>(reply.metadata());
    metadata.put(FAULT_KEY, "truncatedReply");
    return new ModelReply(
        half(reply.text()), actions, reply.usage(), ModelReply.FinishReason.LENGTH, metadata);
  }

  /** The first half of the text, never splitting a surrogate pair. */
  static String half(String text) {
    int cut = text.length() / 2;
    if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut);
  }

  /** What the faulty call does instead of (or around) the delegate. */
  private interface Fault {
    ModelReply apply(ModelRequest request, int call);
  }

  /** Passes every call to the delegate except the chosen one. */
  private static final class Faulty implements ModelClient {
    private final ModelClient delegate;
    private final int onCall;
    private final Fault fault;
    private final AtomicInteger calls = new AtomicInteger();

    Faulty(ModelClient delegate, int onCall, Fault fault) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
      if (onCall < 1) {
        throw new IllegalArgumentException(
            "onCall counts calls from 1, got " + onCall + "; use 1 for the first call");
      }
      this.onCall = onCall;
      this.fault = fault;
    }

    @Override
    public ModelReply reply(ModelRequest request) {
      int call = calls.incrementAndGet();
      return call == onCall ? fault.apply(request, call) : delegate.reply(request);
    }

    @Override
    public String name() {
      return delegate.name();
    }
  }
}
