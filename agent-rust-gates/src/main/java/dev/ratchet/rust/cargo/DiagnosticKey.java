package dev.ratchet.rust.cargo;

import dev.ratchet.gate.Diagnostic;

/**
 * What makes two diagnostics the same finding: cargo repeats a message for each target that
 * compiles the same source (lib and lib test), with the same level, code, place and text.
 */
record DiagnosticKey(Diagnostic.Level level, String code, String file, int line, int column,
    String message) {

  static DiagnosticKey of(Diagnostic d) {
    return new DiagnosticKey(d.level(), d.code(), d.file(), d.line(), d.column(), d.message());
  }
}
