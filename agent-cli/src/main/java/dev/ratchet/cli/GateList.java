package dev.ratchet.cli;

import dev.ratchet.rust.RustGates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --gates} option of the commands that judge a crate ({@code run}, {@code gates}). */
final class GateList {

  @Option(names = "--gates", paramLabel = "LIST", split = ",",
      description = "Gates, run in pipeline order whatever the order given: fmt, build,"
          + " clippy, doc, test, miri, loom, bench (default: ${DEFAULT-VALUE}).")
  List<String> names = new ArrayList<>(List.of("fmt", "clippy", "test"));

  /** The sentence for a usage error when a name is not a gate; empty when all are. */
  Optional<String> unknown() {
    return RustGates.ORDER.containsAll(names) ? Optional.empty()
        : Optional.of("unknown gate in " + names + ": gates are " + RustGates.ORDER + ".");
  }
}
