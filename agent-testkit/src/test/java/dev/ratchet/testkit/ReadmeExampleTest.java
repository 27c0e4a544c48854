package dev.ratchet.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.model.ModelReply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The code block of the module README, compiled and run. */
class ReadmeExampleTest {

  @Test
  void example_runs() {
    // README begin
    ScriptedModelClient model =
        ScriptedModelClient.inOrder(
            ModelReply.of(Edit.writeFile("src/lib.rs", "pub fn one() -> i32 { 1 }\n")),
            ModelReply.of(Edit.writeFile("src/lib.rs", "pub fn one() -> i32 { 2 }\n")),
            ModelReply.of(new Finish("one() returns 2")));

    FakeGate test =
        FakeGate.of(
            "test",
            ctx ->
                ctx.workspace().read("src/lib.rs").orElse("").contains("{ 2 }")
                    ? GateResult.of("test", GateStatus.PASS, "1 passed")
                    : GateResult.of("test", GateStatus.FAIL, "one_is_two failed: left 1, right 2"));
    // README end

    MapWorkspace ws = new MapWorkspace(Map.of());
    GateContext ctx = new GateContext(ws, FakeSandbox.unavailable(), 1);
    ws.apply((Edit) model.reply(Requests.first()).actions().get(0));
    assertThat(test.run(ctx).status()).isEqualTo(GateStatus.FAIL);
    ws.apply((Edit) model.reply(Requests.first()).actions().get(0));
    assertThat(test.run(ctx).passed()).isTrue();
    assertThat(test.calls()).isEqualTo(2);
    assertThat(model.requests()).hasSize(2);
  }
}
