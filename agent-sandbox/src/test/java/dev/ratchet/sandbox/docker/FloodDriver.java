package dev.ratchet.sandbox.docker;

import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;

/**
 * Run by {@link FloodIT} in a JVM with a small heap: 200 MB on stdout, then on stderr. Holding
 * the output would exhaust the heap; capping it does not.
 */
public final class FloodDriver {
  private FloodDriver() {}

  public static void main(String[] args) {
    try (DockerSandbox docker = DockerSandbox.builder(args[0]).prestart(false).build()) {
      for (String redirect : new String[] {"", " >&2"}) {
        ExecResult r = docker.exec(ExecSpec.builder("/bin/sh", "-c",
            "head -c 200000000 /dev/zero" + redirect + "; echo end" + redirect).build());
        System.out.println("dropped " + r.droppedBytes() + " exit " + r.exitCode());
      }
    }
    System.out.println("max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
  }
}
