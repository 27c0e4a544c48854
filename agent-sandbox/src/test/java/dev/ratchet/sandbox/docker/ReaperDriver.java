package dev.ratchet.sandbox.docker;

import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import java.util.List;

/**
 * Run by {@link ReaperIT} in a separate JVM that is then killed with SIGKILL: opens a warm
 * container, prints its id and waits to die.
 */
public final class ReaperDriver {
  private ReaperDriver() {}

  public static void main(String[] args) throws InterruptedException {
    DockerSandbox docker = DockerSandbox.builder(args[0]).reapOnStart(false).build();
    DockerSandbox.Session session = docker.openSession(List.of(), Limits.defaults());
    session.exec(ExecSpec.builder("true").build());
    System.out.println("container " + session.containerId());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
