package dev.ratchet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Example 6: a custom gate, in the spirit of {@code cargo deny check bans}: the crate's lockfile
 * must not contain a banned crate, at any depth. It reads {@code Cargo.lock} from the workspace on
 * the host (no sandbox, no cargo: a few milliseconds), so it goes first in the pipeline:
 *
 * <pre>{@code
 * List<Gate> gates = new ArrayList<>();
 * gates.add(new BannedCratesGate(Map.of("openssl", "use rustls")));
 * gates.addAll(RustGates.with(env).pipeline(List.of("fmt", "clippy", "test")));
 * }</pre>
 *
 * A model that adds a banned dependency gets the reason back and its step is rolled back like any
 * failing gate.
 */
public final class BannedCratesGate implements Gate {
  private static final TomlMapper TOML = new TomlMapper();

  private final Map<String, String> banned;

  /** Bans each crate named in {@code banned}; the value says why, or what to use instead. */
  public BannedCratesGate(Map<String, String> banned) {
    this.banned = Map.copyOf(banned);
  }

  @Override
  public String name() {
    return "bans";
  }

  @Override
  public GateResult run(GateContext context) {
    Optional<String> lock = context.workspace().read("Cargo.lock");
    if (lock.isEmpty()) {
      return GateResult.of(name(), GateStatus.FAIL, "Cargo.lock is missing: run cargo"
          + " generate-lockfile and commit it, so that the dependencies can be checked");
    }
    JsonNode root;
    try {
      root = TOML.readTree(lock.get());
    } catch (IOException e) {
      return GateResult.of(name(), GateStatus.ERROR, "Cargo.lock is not TOML: " + e.getMessage());
    }
    List<String> found = new ArrayList<>();
    for (JsonNode pkg : root.path("package")) {
      String crate = pkg.path("name").asText();
      if (banned.containsKey(crate)) {
        found.add(crate + " " + pkg.path("version").asText() + " is banned: "
            + banned.get(crate));
      }
    }
    return found.isEmpty()
        ? GateResult.of(name(), GateStatus.PASS, "no banned crate in Cargo.lock")
        : GateResult.of(name(), GateStatus.FAIL, String.join("\n", found)
            + "\nRemove the dependency that pulls it in (cargo tree -i NAME shows which).");
  }
}
