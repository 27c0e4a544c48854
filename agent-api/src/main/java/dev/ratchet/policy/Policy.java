package dev.ratchet.policy;

import dev.ratchet.loop.LoopState;
import java.util.Optional;

/**
 * Decides, after each iteration, whether the loop goes on, accepts, rolls back or stops; and,
 * before each model call, whether a budget forbids the call.
 *
 * <p>Policies are small and composable; see {@code dev.ratchet.engine.policy.Policies} for the
 * built-in ones.
 */
public interface Policy {

  /**
   * Decides after an iteration. {@code state.current()} is the iteration just finished.
   *
   * @return {@link Decision.Continue} when this policy has nothing against going on
   */
  Decision decide(LoopState state);

  /**
   * Checked before every model call, so a budget is never overshot by more than one call.
   *
   * @return a stop when the call must not be made
   */
  default Optional<Decision.Stop> beforeModelCall(LoopState state) {
    return Optional.empty();
  }

  /**
   * Renders the last iteration as feedback for the model.
   *
   * @return empty to let the engine render its default feedback
   */
  default Optional<String> feedback(LoopState state) {
    return Optional.empty();
  }
}
