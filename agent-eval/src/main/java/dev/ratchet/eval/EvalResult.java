package dev.ratchet.eval;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One line of a results file: a completion problem or a repository instance. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ProblemResult.class, name = "problem"),
  @JsonSubTypes.Type(value = InstanceResult.class, name = "instance")
})
public sealed interface EvalResult permits ProblemResult, InstanceResult {

  /** The suite. */
  String suite();

  /** The model's name. */
  String model();

  /** The problem's or instance's id, unique within the suite. */
  String id();
}
