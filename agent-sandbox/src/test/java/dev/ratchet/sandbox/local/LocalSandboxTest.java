package dev.ratchet.sandbox.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.contract.SandboxContract;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.sandbox.SandboxUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSandboxTest extends SandboxContract {

  @TempDir Path tmp;

  @Override
  protected Sandbox createSandbox() {
    return LocalSandbox.withoutIsolation();
  }

  @Override
  protected List<String> shell(String script) {
    return List.of("/bin/sh", "-c", script);
  }

  @Test
  void exec_mapsMountedPaths_inWorkdirArgumentsAndEnvironment() throws IOException {
    Files.writeString(tmp.resolve("note.txt"), "hello");
    ExecResult r = LocalSandbox.withoutIsolation().exec(
        ExecSpec.builder("/bin/sh", "-c", "pwd; cat \"$1\"; echo; echo $WHERE", "sh",
                "/work/note.txt")
            .workdir("/work")
            .env("WHERE", "/work/sub")
            .mount(Mount.readOnly(tmp, "/work"))
            .build());

    assertThat(r.stdout()).isEqualTo(tmp.toRealPath() + "\nhello\n" + tmp.resolve("sub") + "\n");
  }

  @Test
  void exec_neverInheritsTheHostEnvironment() {
    ExecResult r = LocalSandbox.withoutIsolation().exec(script("env").build());

    assertThat(r.stdout()).doesNotContain("JAVA_HOME=", "HOME=", "USER=");
  }

  @Test
  void exec_killsGrandchildren_atTheDeadline() throws Exception {
    Path marker = tmp.resolve("late");
    ExecResult r = LocalSandbox.withoutIsolation().exec(
        script("(sleep 3; touch " + marker + ") & sleep 30")
            .limits(baseLimits().withTimeout(java.time.Duration.ofMillis(500)))
            .build());
    Thread.sleep(3500);

    assertThat(r.timedOut()).isTrue();
    assertThat(marker).as("the background child died with its parent").doesNotExist();
  }

  @Test
  void exec_reportsUnavailable_whenProgramDoesNotExist() {
    assertThatThrownBy(() -> LocalSandbox.withoutIsolation()
            .exec(ExecSpec.builder("/nonexistent/ratchet-tool").build()))
        .isInstanceOf(SandboxUnavailableException.class)
        .hasMessageContaining("/nonexistent/ratchet-tool");
  }
}
