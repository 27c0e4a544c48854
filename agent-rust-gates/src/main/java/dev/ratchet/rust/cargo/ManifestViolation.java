package dev.ratchet.rust.cargo;

import java.util.Objects;

/**
 * One thing {@link Manifests#check} refused.
 *
 * @param file the manifest, relative to the checked tree ({@code crates/a/Cargo.toml})
 * @param key where in it, as a dotted TOML path ({@code dependencies.serde.git}); empty for the
 *     file as a whole
 * @param message what is wrong and what to do instead, written for a model
 */
public record ManifestViolation(String file, String key, String message) {

  /** Validates the fields. */
  public ManifestViolation {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file: key: message}. */
  @Override
  public String toString() {
    return file + (key.isEmpty() ? "" : ": " + key) + ": " + message;
  }
}
