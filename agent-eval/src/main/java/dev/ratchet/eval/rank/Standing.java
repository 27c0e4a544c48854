package dev.ratchet.eval.rank;

import dev.ratchet.models.ModelProfile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One model's place in a {@link Ranking}: its scores, total and what was measured.
 *
 * @param rank the place, from 1
 * @param model the catalog id, or the results' model name when no catalog entry matched
 * @param name the display name: the catalog's name, or the results' model name
 * @param resultNames the model names in the results files that count for this model; empty for
 *     a model ranked from catalog facts alone
 * @param profile the catalog entry, if one matched
 * @param measured what the results measured ({@link Measurements#none()} when nothing)
 * @param scores the five scores, in {@link Dimension} order
 * @param total the weighted sum of the scores, 0–10
 */
public record Standing(int rank, String model, String name, List<String> resultNames,
    Optional<ModelProfile> profile, Measurements measured, List<Score> scores, double total) {

  /** Validates and copies. */
  public Standing {
    if (rank < 1) {
      throw new IllegalArgumentException("rank " + rank + ": ranks start at 1");
    }
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(name, "name");
    resultNames = List.copyOf(resultNames);
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(measured, "measured");
    scores = List.copyOf(scores);
    if (scores.size() != Dimension.values().length) {
      throw new IllegalArgumentException(scores.size() + " scores for " + model + ": give one"
          + " per dimension, in Dimension order");
    }
    for (int i = 0; i < scores.size(); i++) {
      if (scores.get(i).dimension() != Dimension.values()[i]) {
        throw new IllegalArgumentException("score " + (i + 1) + " of " + model + " is for "
            + scores.get(i).dimension() + ": give the scores in Dimension order");
      }
    }
  }

  /** Whether any result was measured for it; {@code false} means ranked from reported facts. */
  public boolean isMeasured() {
    return measured.any();
  }

  /** Its score on one dimension. */
  public Score score(Dimension dimension) {
    return scores.get(dimension.ordinal());
  }

  /** The recommended GPU configuration's estimated cost, if the catalog gives one. */
  public OptionalLong gpuCostUsd() {
    return profile.map(ModelProfile::estimatedCostUsd).orElse(OptionalLong.empty());
  }

  /** Solved tasks per dollar of GPU (see {@link Measurements#solvedPerDollar}), if measured. */
  public OptionalDouble solvedPerDollar() {
    OptionalLong cost = gpuCostUsd();
    return cost.isPresent() ? measured.solvedPerDollar(cost.getAsLong()) : OptionalDouble.empty();
  }
}
