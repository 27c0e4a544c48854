package dev.ratchet.workspace;

import java.util.Objects;

/** A point in a workspace's history that the loop can return to: a commit id. */
public record Checkpoint(String id) {
  /** Validates that the id is a hexadecimal object name. */
  public Checkpoint {
    Objects.requireNonNull(id, "id");
    if (!id.matches("[0-9a-f]{4,64}")) {
      throw new IllegalArgumentException("checkpoint id must be a hex commit id, got '" + id + "'");
    }
  }

  /** The first seven characters, for messages. */
  public String abbreviated() {
    return id.substring(0, Math.min(7, id.length()));
  }
}
