package dev.ratchet.engine;

import dev.ratchet.gate.GateResult;
import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.LoopState;
import dev.ratchet.policy.Decision;
import dev.ratchet.workspace.Checkpoint;
import java.util.List;

/**
 * Facts derived from a loop's state that several policies and the engine need: which tree is kept
 * and what its gates said. Pure functions of the state, so a resumed run derives the same.
 */
public final class LoopHistory {
  private LoopHistory() {}

  /**
   * The gate results of the tree as it stands before {@code state.current()} is decided: the
   * latest kept iteration that ran gates, or the baseline.
   */
  public static List<GateResult> keptGates(LoopState state) {
    List<GateResult> gates = state.baseline();
    List<Iteration> its = state.iterations();
    for (int i = 0; i < state.decisions().size(); i++) {
      if (!(state.decisions().get(i) instanceof Decision.RollbackAndContinue)
          && its.get(i).changedTree()) {
        gates = its.get(i).gates();
      }
    }
    return gates;
  }

  /** The best score of any kept tree so far (the baseline included). */
  public static GateScore bestScore(LoopState state) {
    GateScore best = GateScore.of(state.baseline());
    List<Iteration> its = state.iterations();
    for (int i = 0; i < state.decisions().size(); i++) {
      if (!(state.decisions().get(i) instanceof Decision.RollbackAndContinue)
          && its.get(i).changedTree()) {
        GateScore s = GateScore.of(its.get(i).gates());
        if (s.compareTo(best) > 0) {
          best = s;
        }
      }
    }
    return best;
  }

  /** The checkpoint the tree stands on after the decided iterations. */
  public static Checkpoint keptCheckpoint(
      Checkpoint base, List<Iteration> iterations, List<Decision> decisions) {
    Checkpoint kept = base;
    for (int i = 0; i < decisions.size(); i++) {
      if (!(decisions.get(i) instanceof Decision.RollbackAndContinue)) {
        kept = iterations.get(i).checkpoint();
      }
    }
    return kept;
  }
}
