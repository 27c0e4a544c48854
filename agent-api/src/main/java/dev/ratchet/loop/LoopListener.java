package dev.ratchet.loop;

/**
 * Receives the loop's events as they happen, on the loop's thread.
 *
 * <p>Override {@link #onEvent} to see every event, or the typed methods for the few you need. A
 * listener that throws does not stop the loop; the failure is logged.
 */
public interface LoopListener {

  /** A listener that ignores everything. */
  LoopListener NONE = new LoopListener() {};

  /** A listener that hands every event to {@code consumer}. */
  static LoopListener of(java.util.function.Consumer<? super LoopEvent> consumer) {
    java.util.Objects.requireNonNull(consumer, "consumer");
    return new LoopListener() {
      @Override
      public void onEvent(LoopEvent event) {
        consumer.accept(event);
      }
    };
  }

  /** Called for every event; by default dispatches to the typed methods below. */
  default void onEvent(LoopEvent event) {
    if (event instanceof LoopEvent.IterationStarted e) {
      onIterationStarted(e);
    } else if (event instanceof LoopEvent.ReplyReceived e) {
      onReplyReceived(e);
    } else if (event instanceof LoopEvent.EditApplied e) {
      onEditApplied(e);
    } else if (event instanceof LoopEvent.EditRejected e) {
      onEditRejected(e);
    } else if (event instanceof LoopEvent.GateFinished e) {
      onGateFinished(e);
    } else if (event instanceof LoopEvent.IterationDecided e) {
      onIterationDecided(e);
    } else if (event instanceof LoopEvent.LoopFinished e) {
      onLoopFinished(e);
    }
  }

  /** An iteration began. */
  default void onIterationStarted(LoopEvent.IterationStarted event) {}

  /** The model replied. */
  default void onReplyReceived(LoopEvent.ReplyReceived event) {}

  /** An edit was applied. */
  default void onEditApplied(LoopEvent.EditApplied event) {}

  /** An edit was rejected. */
  default void onEditRejected(LoopEvent.EditRejected event) {}

  /** A gate finished. */
  default void onGateFinished(LoopEvent.GateFinished event) {}

  /** An iteration was decided. */
  default void onIterationDecided(LoopEvent.IterationDecided event) {}

  /** The loop ended. */
  default void onLoopFinished(LoopEvent.LoopFinished event) {}
}
