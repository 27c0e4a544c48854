package dev.ratchet.rust.cargo;

import dev.ratchet.gate.Diagnostic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code cargo build|check|clippy --message-format=json} run reported.
 *
 * @param diagnostics the compiler's findings, deduplicated, in the order cargo printed them
 * @param finished whether cargo said the build finished and how
 * @param unreadableLines how many stdout lines were neither blank nor a JSON object cargo knows;
 *     a proc macro or build script may print such lines, so a few are not an error by themselves
 */
public record CargoBuild(List<Diagnostic> diagnostics, Finished finished, int unreadableLines) {

  /** Validates and copies. */
  public CargoBuild {
    diagnostics = List.copyOf(diagnostics);
    Objects.requireNonNull(finished, "finished");
    if (unreadableLines < 0) {
      throw new IllegalArgumentException("unreadableLines must not be negative");
    }
  }

  /** How cargo's closing {@code build-finished} message read. */
  public enum Finished {
    /** {@code "success": true}. */
    SUCCEEDED,
    /** {@code "success": false}. */
    FAILED,
    /** No {@code build-finished} message: cargo was killed, or its output was cut. */
    NOT_REPORTED
  }

  /** Whether the build succeeded; empty when cargo did not say. */
  public Optional<Boolean> success() {
    return finished == Finished.NOT_REPORTED
        ? Optional.empty() : Optional.of(finished == Finished.SUCCEEDED);
  }

  /** The diagnostics whose primary span is a file inside the workspace. */
  public List<Diagnostic> inWorkspace() {
    return diagnostics.stream().filter(CargoMessages::isInWorkspace).toList();
  }

  /** The diagnostics of a given level. */
  public List<Diagnostic> at(Diagnostic.Level level) {
    return diagnostics.stream().filter(d -> d.level() == level).toList();
  }
}
