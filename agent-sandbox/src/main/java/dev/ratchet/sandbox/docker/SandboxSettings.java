package dev.ratchet.sandbox.docker;

import java.util.Objects;

/**
 * What every container of one {@link DockerSandbox} shares: the image, the users, the seccomp
 * profile and the fixed ulimits. Limits that vary per command (time, memory, pids, CPU, output)
 * come from each {@link dev.ratchet.sandbox.ExecSpec}.
 */
record SandboxSettings(
    String image,
    String execUser,
    String idleUser,
    String seccompProfile,
    long tmpfsBytes,
    long fileSizeBytes,
    int openFiles,
    String runtime,
    boolean hostCgroups) {

  SandboxSettings {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(execUser, "execUser");
    Objects.requireNonNull(idleUser, "idleUser");
    Objects.requireNonNull(seccompProfile, "seccompProfile");
    Objects.requireNonNull(runtime, "runtime");
  }

  int execUid() {
    return Integer.parseInt(execUser.split(":")[0]);
  }

  int execGid() {
    String[] parts = execUser.split(":");
    return Integer.parseInt(parts.length > 1 ? parts[1] : parts[0]);
  }
}
