package dev.ratchet.policy;

import java.util.Objects;

/** What a policy decided after an iteration. */
public sealed interface Decision
    permits Decision.Continue, Decision.Accept, Decision.RollbackAndContinue, Decision.Stop {

  /** The reason, for reports and the model; empty for {@link Continue}. */
  String reason();

  /** Keep the iteration's changes and run another iteration. */
  record Continue(String reason) implements Decision {
    /** Validates the reason. */
    public Continue {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** End the loop and hand the result to the user's branch. */
  record Accept(String reason) implements Decision {
    /** Validates the reason. */
    public Accept {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Undo the iteration (back to the best checkpoint so far) and run another iteration. */
  record RollbackAndContinue(String reason) implements Decision {
    /** Validates the reason. */
    public RollbackAndContinue {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** End the loop without accepting; the user's branch is left as it was. */
  record Stop(String reason) implements Decision {
    /** Validates the reason. */
    public Stop {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Go on. */
  static Decision proceed() {
    return new Continue("");
  }

  /** Accept with a reason. */
  static Decision accept(String reason) {
    return new Accept(reason);
  }

  /** Roll back with a reason. */
  static Decision rollback(String reason) {
    return new RollbackAndContinue(reason);
  }

  /** Stop with a reason. */
  static Stop stop(String reason) {
    return new Stop(reason);
  }
}
