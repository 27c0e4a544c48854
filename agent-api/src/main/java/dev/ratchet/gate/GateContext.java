package dev.ratchet.gate;

import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.workspace.Workspace;
import java.util.Objects;

/**
 * What a gate runs against.
 *
 * @param workspace the tree to judge (gates read it; they never write it)
 * @param sandbox where the gate's commands run
 * @param iteration the loop iteration being judged; 0 for the baseline before the first edit
 */
public record GateContext(Workspace workspace, Sandbox sandbox, int iteration) {
  /** Validates the fields. */
  public GateContext {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(sandbox, "sandbox");
    if (iteration < 0) {
      throw new IllegalArgumentException("iteration must not be negative");
    }
  }
}
