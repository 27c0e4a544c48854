package dev.ratchet.eval.repo;

import dev.ratchet.model.ModelClient;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Who answers a repository instance: a model running the agent loop, the data set's reference fix
 * ({@code gold}), or no change at all ({@code empty}). The two reference answers check the harness
 * and the environment: gold should resolve every instance that can be resolved, empty none.
 */
public sealed interface Solver permits Solver.Model, Solver.Gold, Solver.Empty {

  /** The name written as {@code model_name_or_path} and in results. */
  String name();

  /** The data set's reference fix ({@code gold}). */
  static Solver gold() {
    return new Gold();
  }

  /** No change ({@code empty}). */
  static Solver empty() {
    return new Empty();
  }

  /**
   * A model that reads text only, run in the agent loop; {@code clients} makes a fresh client for
   * each instance.
   *
   * @param name the model's name for results and predictions
   */
  static Solver model(String name, Supplier<? extends ModelClient> clients) {
    return new Model(name, clients, false);
  }

  /**
   * A model run in the agent loop; {@code takesImages} says whether it reads pictures, so that a
   * task that comes with one is not applicable to a model that cannot see it.
   */
  static Solver model(String name, Supplier<? extends ModelClient> clients,
      boolean takesImages) {
    return new Model(name, clients, takesImages);
  }

  /**
   * A model in the agent loop.
   *
   * @param name the model's name for results and predictions
   * @param clients makes a fresh client for each instance
   * @param takesImages whether the model reads images (a screenshot of a CI log)
   */
  record Model(String name, Supplier<? extends ModelClient> clients, boolean takesImages)
      implements Solver {
    /** Validates the fields. */
    public Model {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(clients, "clients");
      if (name.isBlank() || name.equals("gold") || name.equals("empty")) {
        throw new IllegalArgumentException("a model needs a name other than '" + name
            + "' ('gold' and 'empty' are the reference answers)");
      }
    }
  }

  /** The data set's reference fix. */
  record Gold() implements Solver {
    @Override
    public String name() {
      return "gold";
    }
  }

  /** No change. */
  record Empty() implements Solver {
    @Override
    public String name() {
      return "empty";
    }
  }
}
