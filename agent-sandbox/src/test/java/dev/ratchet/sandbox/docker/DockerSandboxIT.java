package dev.ratchet.sandbox.docker;

import dev.ratchet.contract.SandboxContract;
import dev.ratchet.sandbox.Sandbox;
import java.util.List;

/** The sandbox contract, one fresh container per command. */
class DockerSandboxIT extends SandboxContract {

  @Override
  protected Sandbox createSandbox() {
    return DockerTests.sandbox().build();
  }

  @Override
  protected List<String> shell(String script) {
    return List.of("/bin/sh", "-c", script);
  }
}
