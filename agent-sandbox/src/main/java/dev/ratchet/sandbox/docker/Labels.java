package dev.ratchet.sandbox.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The labels Ratchet puts on every container and image it makes. Cleanup selects by these labels
 * only, so nothing else on a shared daemon is ever touched.
 */
final class Labels {

  /** Present (value {@code true}) on everything Ratchet made. */
  static final String MANAGED = "dev.ratchet.managed";
  /** The owning process: {@code host/pid/start-millis}; the start time guards against pid reuse. */
  static final String OWNER = "dev.ratchet.owner";
  /** The image recipe's content key, so the same inputs never build twice. */
  static final String IMAGE_KEY = "dev.ratchet.image.key";

  private static final String HOST = readHostName();
  private static final String SELF = owner(ProcessHandle.current()).orElse(HOST + "/"
      + ProcessHandle.current().pid() + "/0");

  private Labels() {}

  /** The labels of a container this process owns. */
  static Map<String, String> container() {
    return Map.of(MANAGED, "true", OWNER, SELF);
  }

  /** This process's owner label value. */
  static String self() {
    return SELF;
  }

  /**
   * Whether the owner named by a label value is gone: it ran on this host and no process with that
   * pid and start time exists any more. Owners on other hosts are never judged dead.
   */
  static boolean ownerIsDead(String owner) {
    String[] parts = owner.split("/");
    if (parts.length != 3 || !parts[0].equals(HOST)) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    return ProcessHandle.of(pid).flatMap(Labels::owner).map(o -> !o.equals(owner)).orElse(true);
  }

  private static Optional<String> owner(ProcessHandle process) {
    return process.info().startInstant()
        .map(start -> HOST + "/" + process.pid() + "/" + start.toEpochMilli());
  }

  private static String readHostName() {
    // The kernel's name needs no resolver (InetAddress may wait on DNS).
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException | RuntimeException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
    }
  }
}
