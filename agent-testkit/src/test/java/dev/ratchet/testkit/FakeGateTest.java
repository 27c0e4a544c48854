package dev.ratchet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.contract.GateContract;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeGateTest extends GateContract {

  private static GateContext contextWith(String lib) {
    return new GateContext(
        new MapWorkspace(Map.of("src/lib.rs", lib)), FakeSandbox.unavailable(), 1);
  }

  @Override
  protected Gate createGate() {
    return FakeGate.of(
        "returns-two",
        context ->
            context.workspace().read("src/lib.rs").orElse("").contains("    2\n")
                ? GateResult.of("ignored", GateStatus.PASS, "one() returns 2")
                : GateResult.of("ignored", GateStatus.FAIL, "one() does not return 2 yet"));
  }

  @Override
  protected GateContext passingContext() {
    return contextWith("pub fn one() -> i32 {\n    2\n}\n");
  }

  @Override
  protected GateContext failingContext() {
    return contextWith("pub fn one() -> i32 {\n    1\n}\n");
  }

  @Test
  void results_returnsInOrderThenRepeatsLast() {
    FakeGate gate =
        FakeGate.named("test")
            .results(
                GateResult.of("test", GateStatus.FAIL, "2 failed"),
                GateResult.of("test", GateStatus.FAIL, "1 failed"),
                GateResult.of("test", GateStatus.PASS, "all passed"));

    assertThat(gate.run(failingContext()).summary()).isEqualTo("2 failed");
    assertThat(gate.run(failingContext()).summary()).isEqualTo("1 failed");
    assertThat(gate.run(failingContext()).status()).isEqualTo(GateStatus.PASS);
    assertThat(gate.run(failingContext()).status()).isEqualTo(GateStatus.PASS);
    assertThat(gate.calls()).isEqualTo(4);
  }

  @Test
  void run_setsGateName_whenScriptedResultNamesAnother() {
    FakeGate gate = FakeGate.named("clippy").results(GateResult.of("other", GateStatus.PASS, "ok"));

    GateResult result = gate.run(passingContext());

    assertThat(result.gate()).isEqualTo("clippy");
    assertThat(result.summary()).isEqualTo("ok");
  }

  @Test
  void passing_passesEveryTime() {
    FakeGate gate = FakeGate.passing("build");

    assertThat(gate.run(failingContext()).passed()).isTrue();
    assertThat(gate.run(passingContext()).gate()).isEqualTo("build");
    assertThat(gate.calls()).isEqualTo(2);
  }

  @Test
  void failing_failsWithSummary() {
    GateResult result = FakeGate.failing("test", "1 test failed: one_is_two").run(passingContext());

    assertThat(result.status()).isEqualTo(GateStatus.FAIL);
    assertThat(result.summary()).isEqualTo("1 test failed: one_is_two");
    assertThat(result.gate()).isEqualTo("test");
  }

  @Test
  void calls_isZero_beforeAnyRun() {
    assertThat(FakeGate.passing("build").calls()).isZero();
  }

  @Test
  void named_throws_whenNameIsBlank() {
    assertThatThrownBy(() -> FakeGate.named(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }

  @Test
  void results_throws_whenNoResultIsGiven() {
    assertThatThrownBy(() -> FakeGate.named("test").results())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FakeGate.passing");
  }

  @Test
  void run_throws_whenFunctionReturnsNull() {
    FakeGate gate = FakeGate.of("broken", context -> null);

    assertThatThrownBy(() -> gate.run(passingContext()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("broken")
        .hasMessageContaining("return a GateResult");
  }
}
