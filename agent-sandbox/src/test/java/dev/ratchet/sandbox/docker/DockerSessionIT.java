package dev.ratchet.sandbox.docker;

import dev.ratchet.contract.SandboxContract;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Sandbox;
import java.util.List;

/** The sandbox contract, every command of a test in one warm container. */
class DockerSessionIT extends SandboxContract {

  @Override
  protected Sandbox createSandbox() {
    DockerSandbox docker = DockerTests.sandbox().build();
    DockerSandbox.Session session = docker.openSession(List.of(), Limits.defaults());
    return new Sandbox() {
      @Override
      public dev.ratchet.sandbox.ExecResult exec(dev.ratchet.sandbox.ExecSpec spec) {
        return session.exec(spec);
      }

      @Override
      public void close() {
        session.close();
        docker.close();
      }
    };
  }

  @Override
  protected List<String> shell(String script) {
    return List.of("/bin/sh", "-c", script);
  }
}
