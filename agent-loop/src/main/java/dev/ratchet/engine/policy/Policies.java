package dev.ratchet.engine.policy;

import dev.ratchet.engine.GateScore;
import dev.ratchet.engine.LoopHistory;
import dev.ratchet.gate.GateResult;
import dev.ratchet.loop.ActionOutcome;
import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.LoopState;
import dev.ratchet.policy.Budget;
import dev.ratchet.policy.Decision;
import dev.ratchet.policy.Policy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in policies, each small, and {@link #all} to combine them.
 *
 * <p>Stopping rules (budgets, no progress, stuck) act before a model call, so a run never pays for
 * a call it will not use; acceptance and the ratchet act after an iteration.
 */
public final class Policies {
  private Policies() {}

  /**
   * The default: the budget, accept when the gates pass after a change, the ratchet, stop after
   * three iterations without progress, and stop when stuck on the same edit or failure.
   */
  public static Policy defaults(Budget budget) {
    return all(budget(budget), acceptWhenGatesPass(), ratchet(), stopWithoutProgress(3), stuck(3));
  }

  /**
   * Combines policies: before a call, the first stop wins; after an iteration, Stop beats Rollback,
   * Rollback beats Accept (a safety rule's veto outranks passing gates), Accept beats Continue;
   * feedback comes from the first policy that gives one.
   */
  public static Policy all(Policy... policies) {
    List<Policy> list = List.of(policies);
    return new Policy() {
      @Override
      public Decision decide(LoopState state) {
        Decision best = Decision.proceed();
        for (Policy p : list) {
          Decision d = Objects.requireNonNull(p.decide(state), "a policy returned null");
          if (rank(d) > rank(best)) {
            best = d;
          }
        }
        return best;
      }

      @Override
      public Optional<Decision.Stop> beforeModelCall(LoopState state) {
        for (Policy p : list) {
          Optional<Decision.Stop> stop = p.beforeModelCall(state);
          if (stop.isPresent()) {
            return stop;
          }
        }
        return Optional.empty();
      }

      @Override
      public Optional<String> feedback(LoopState state) {
        for (Policy p : list) {
          Optional<String> f = p.feedback(state);
          if (f.isPresent()) {
            return f;
          }
        }
        return Optional.empty();
      }
    };
  }

  private static int rank(Decision d) {
    if (d instanceof Decision.Stop) {
      return 3;
    } else if (d instanceof Decision.RollbackAndContinue) {
      return 2;
    } else if (d instanceof Decision.Accept) {
      return 1;
    }
    return 0;
  }

  /** Stops before a call once the iterations, tokens or wall time of the budget are spent. */
  public static Policy budget(Budget budget) {
    return all(maxIterations(budget.maxIterations()), tokenBudget(budget.maxTokens()),
        wallTime(budget.maxWallTime()));
  }

  /** Stops before the call that would exceed {@code n} iterations. */
  public static Policy maxIterations(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1");
    }
    return beforeCall(s -> s.iterationCount() >= n
        ? Optional.of(Decision.stop("reached the limit of " + n + " iterations"))
        : Optional.empty());
  }

  /** Stops before a call once {@code maxTokens} tokens are spent (overshoots by one call at most). */
  public static Policy tokenBudget(long maxTokens) {
    return beforeCall(s -> s.tokens().total() >= maxTokens
        ? Optional.of(Decision.stop("spent " + s.tokens().total() + " tokens of a budget of "
            + maxTokens))
        : Optional.empty());
  }

  /** Stops before a call once {@code max} wall time has elapsed. */
  public static Policy wallTime(java.time.Duration max) {
    return beforeCall(s -> s.elapsed().compareTo(max) >= 0
        ? Optional.of(Decision.stop("ran for " + s.elapsed().toSeconds() + " s of a budget of "
            + max.toSeconds() + " s"))
        : Optional.empty());
  }

  /**
   * Accepts when an iteration changed the tree and every gate passed, or when the model finished
   * and the kept tree passes.
   */
  public static Policy acceptWhenGatesPass() {
    return state -> {
      Iteration it = state.current().orElseThrow();
      if (it.changedTree() && it.gatesPassed()) {
        return Decision.accept("all gates pass after iteration " + it.index());
      }
      if (it.finished() && !it.changedTree()) {
        List<GateResult> kept = LoopHistory.keptGates(state);
        boolean pass = !kept.isEmpty() && kept.stream().noneMatch(g -> g.status().blocks());
        if (pass && state.iterationCount() > 1) {
          return Decision.accept("the model finished and all gates pass");
        }
      }
      return Decision.proceed();
    };
  }

  /**
   * The ratchet: rolls back an iteration whose gate score is worse than the best kept so far, so
   * the tree only moves forward.
   */
  public static Policy ratchet() {
    return state -> {
      Iteration it = state.current().orElseThrow();
      if (!it.changedTree() || it.gates().isEmpty()) {
        return Decision.proceed();
      }
      GateScore best = LoopHistory.bestScore(state);
      GateScore now = GateScore.of(it.gates());
      if (now.worseThan(best)) {
        return Decision.rollback("the gates got worse (" + now + "; best so far: " + best
            + "), so iteration " + it.index() + " was undone");
      }
      return Decision.proceed();
    };
  }

  /** Stops when the last {@code n} iterations all failed to improve on the best kept tree. */
  public static Policy stopWithoutProgress(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
    return beforeCall(state -> {
      int k = state.decisions().size();
      if (k < n) {
        return Optional.empty();
      }
      for (int i = k - n; i < k; i++) {
        if (improved(state, i)) {
          return Optional.empty();
        }
      }
      return Optional.of(Decision.stop("no progress in the last " + n + " iterations"));
    });
  }

  private static boolean improved(LoopState state, int index) {
    Iteration it = state.iterations().get(index);
    if (!it.changedTree() || state.decisions().get(index) instanceof Decision.RollbackAndContinue) {
      return false;
    }
    LoopState before = new LoopState(state.task(), state.baseline(),
        state.iterations().subList(0, index), state.decisions().subList(0, index), state.tokens(),
        state.elapsed());
    return GateScore.of(it.gates()).compareTo(LoopHistory.bestScore(before)) > 0;
  }

  /**
   * Stops when the last {@code n} iterations sent the same edits, or met the same failure, each
   * time.
   */
  public static Policy stuck(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("n must be at least 2");
    }
    return beforeCall(state -> {
      List<Iteration> its = state.iterations();
      if (its.size() < n) {
        return Optional.empty();
      }
      List<Iteration> last = its.subList(its.size() - n, its.size());
      String firstEdits = edits(last.get(0));
      boolean sameEdits = !firstEdits.isEmpty()
          && last.stream().allMatch(it -> edits(it).equals(firstEdits));
      if (sameEdits) {
        return Optional.of(Decision.stop("stuck: the same edit " + n + " times in a row"));
      }
      String firstFailure = failure(last.get(0));
      boolean sameFailure = !firstFailure.isEmpty()
          && last.stream().allMatch(it -> failure(it).equals(firstFailure));
      if (sameFailure) {
        return Optional.of(Decision.stop("stuck: the same failure " + n + " times in a row"));
      }
      return Optional.empty();
    });
  }

  private static String edits(Iteration it) {
    return it.reply().actions().stream()
        .filter(a -> a instanceof dev.ratchet.action.Edit)
        .map(Object::toString)
        .collect(Collectors.joining("\n"));
  }

  private static String failure(Iteration it) {
    String gates = it.gates().stream()
        .filter(g -> g.status().blocks())
        .map(g -> g.gate() + ": " + g.summary())
        .collect(Collectors.joining("\n"));
    String rejections = it.outcomes().stream()
        .filter(o -> o.status() == ActionOutcome.Status.REJECTED)
        .map(ActionOutcome::feedback)
        .collect(Collectors.joining("\n"));
    return gates + rejections;
  }

  private static Policy beforeCall(
      java.util.function.Function<LoopState, Optional<Decision.Stop>> check) {
    return new Policy() {
      @Override
      public Decision decide(LoopState state) {
        return Decision.proceed();
      }

      @Override
      public Optional<Decision.Stop> beforeModelCall(LoopState state) {
        return check.apply(state);
      }
    };
  }
}
