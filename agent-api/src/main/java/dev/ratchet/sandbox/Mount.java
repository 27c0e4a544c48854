package dev.ratchet.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory made visible inside the sandbox.
 *
 * @param hostPath the absolute host path
 * @param containerPath the absolute path inside the sandbox
 * @param readOnly whether the command may only read it
 */
public record Mount(Path hostPath, String containerPath, boolean readOnly) {
  /** Validates that both paths are absolute. */
  public Mount {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(containerPath, "containerPath");
    if (!hostPath.isAbsolute() || !containerPath.startsWith("/")) {
      throw new IllegalArgumentException(
          "mount paths must be absolute: " + hostPath + " -> " + containerPath);
    }
  }

  /** A read-only mount. */
  public static Mount readOnly(Path host, String container) {
    return new Mount(host, container, true);
  }

  /** A writable mount. */
  public static Mount readWrite(Path host, String container) {
    return new Mount(host, container, false);
  }
}
