package dev.ratchet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.engine.AgentLoop;
import dev.ratchet.engine.policy.Policies;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.LoopResult;
import dev.ratchet.loop.Task;
import dev.ratchet.model.ModelReply;
import dev.ratchet.policy.Budget;
import dev.ratchet.policy.Decision;
import dev.ratchet.testkit.FakeGate;
import dev.ratchet.testkit.ScriptedModelClient;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit-tests a custom policy with the test kit: no model, no Docker, no cargo. */
class KeepTestsPolicyTest {
  @TempDir Path repo;

  @Test
  void rollsBackTestDeletion_thenAcceptsRealFix() throws Exception {
    Files.createDirectories(repo.resolve("src"));
    Files.writeString(repo.resolve("src/lib.rs"),
        "pub fn two() -> i32 { 3 }\n#[test]\nfn is_two() { assert_eq!(two(), 2); }\n");

    String deleteTest = "--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -1,3 +1,1 @@\n"
        + " pub fn two() -> i32 { 3 }\n-#[test]\n-fn is_two() { assert_eq!(two(), 2); }\n";
    String realFix = "src/lib.rs\n<<<<<<< SEARCH\npub fn two() -> i32 { 3 }\n=======\n"
        + "pub fn two() -> i32 { 2 }\n>>>>>>> REPLACE\n";
    var model = ScriptedModelClient.inOrder(ModelReply.of(Edit.patch(deleteTest)),
        ModelReply.of(Edit.patch(realFix)));
    var tests = FakeGate.of("test", ctx -> {
      String lib = ctx.workspace().read("src/lib.rs").orElseThrow();
      boolean pass = !lib.contains("#[test]") || lib.contains("{ 2 }");
      return GateResult.of("test", pass ? GateStatus.PASS : GateStatus.FAIL, "is_two");
    });

    LoopResult result;
    try (GitWorkspace ws = GitWorkspace.builder(repo).open()) {
      result = AgentLoop.builder().model(model).workspace(ws).gate(tests)
          .policy(Policies.all(new KeepTestsPolicy(), Policies.acceptWhenGatesPass(),
              Policies.budget(Budget.defaults().withMaxIterations(3))))
          .build().run(Task.of("fix", "make two() return 2"));
    }

    assertThat(result.decisions().get(0)).isInstanceOf(Decision.RollbackAndContinue.class);
    assertThat(result.accepted()).isTrue();
    assertThat(Files.readString(repo.resolve("src/lib.rs"))).contains("{ 2 }", "#[test]");
  }
}
