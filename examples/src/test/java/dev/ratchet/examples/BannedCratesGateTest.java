package dev.ratchet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.engine.AgentLoop;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelReply;
import dev.ratchet.policy.Budget;
import dev.ratchet.testkit.FakeGate;
import dev.ratchet.testkit.FakeSandbox;
import dev.ratchet.testkit.GitRepos;
import dev.ratchet.testkit.ScriptedModelClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Example 6 with the test kit: the gate alone, then first in a loop's pipeline. */
class BannedCratesGateTest {
  private static final String LOCK = """
      version = 4

      [[package]]
      name = "app"
      version = "0.1.0"
      dependencies = ["%s"]

      [[package]]
      name = "%s"
      version = "%s"
      source = "registry+https://github.com/rust-lang/crates.io-index"
      """;

  private final BannedCratesGate bans = new BannedCratesGate(Map.of("openssl", "use rustls"));

  @TempDir Path repo;

  @Test
  void failsOnABannedCrate_withTheReason_andPassesWithout() throws Exception {
    commit(lock("openssl", "0.10.66"));
    try (GitWorkspace ws = GitWorkspace.builder(repo).open()) {
      GateResult r = bans.run(new GateContext(ws, FakeSandbox.exitCode(0, ""), 0));

      assertThat(r.status()).isEqualTo(GateStatus.FAIL);
      assertThat(r.summary()).startsWith("openssl 0.10.66 is banned: use rustls");
    }
    commit(lock("rustls", "0.23.12"));
    try (GitWorkspace ws = GitWorkspace.builder(repo).open()) {
      assertThat(bans.run(new GateContext(ws, FakeSandbox.exitCode(0, ""), 0)).status())
          .isEqualTo(GateStatus.PASS);
    }
  }

  @Test
  void inThePipeline_aStepThatAddsABannedCrate_isRolledBack() throws Exception {
    commit(lock("rustls", "0.23.12"));
    ScriptedModelClient model = ScriptedModelClient.inOrder(
        ModelReply.of(Edit.writeFile("Cargo.lock", lock("openssl", "0.10.66"))),
        ModelReply.of(Edit.writeFile("src/lib.rs", "pub fn tls() {}\n")));
    List<Gate> gates = List.of(bans, FakeGate.passing("test"));

    LoopResult result;
    try (GitWorkspace ws = GitWorkspace.builder(repo).open()) {
      result = AgentLoop.builder().model(model).workspace(ws).gates(gates)
          .sandbox(FakeSandbox.exitCode(0, "")).budget(Budget.defaults().withMaxIterations(3))
          .build().run(Task.of("tls", "Add TLS support"));
    }

    assertThat(result.accepted()).as(result.reason()).isTrue();
    assertThat(result.iterations().get(0).gates()).first()
        .satisfies(g -> assertThat(g.summary()).contains("openssl 0.10.66 is banned"));
    assertThat(Files.readString(repo.resolve("Cargo.lock"))).doesNotContain("openssl");
    assertThat(model.requests().get(1).feedback()).contains("openssl 0.10.66 is banned");
  }

  private static String lock(String dependency, String version) {
    return LOCK.formatted(dependency, dependency, version);
  }

  private void commit(String lock) throws Exception {
    Files.writeString(repo.resolve("Cargo.lock"), lock);
    GitRepos.commitAll(repo, "lock");
  }
}
