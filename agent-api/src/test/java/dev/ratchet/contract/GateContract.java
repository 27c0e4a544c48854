package dev.ratchet.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Gate} keeps: a stable non-blank name, PASS on a tree it accepts, FAIL
 * or ERROR with a summary on a tree it refuses, and results that carry its name.
 *
 * <p>Extend it in the gate's test and supply a gate and two contexts.
 */
public abstract class GateContract {

  /** Returns a new gate under test; called once or more per test. */
  protected abstract Gate createGate();

  /** Returns a context on which the gate passes. */
  protected abstract GateContext passingContext();

  /** Returns a context on which the gate fails (or cannot judge). */
  protected abstract GateContext failingContext();

  @Test
  void name_isNonBlankAndStable() {
    Gate gate = createGate();
    String name = gate.name();

    assertThat(name).isNotBlank();
    gate.run(passingContext());
    assertThat(gate.name()).isEqualTo(name);
    assertThat(createGate().name()).isEqualTo(name);
  }

  @Test
  void run_passes_whenContextIsPassing() {
    GateResult result = createGate().run(passingContext());

    assertThat(result).isNotNull();
    assertThat(result.status())
        .as("status; summary: %s", result.summary())
        .isEqualTo(GateStatus.PASS);
    assertThat(result.passed()).isTrue();
  }

  @Test
  void run_failsWithSummary_whenContextIsFailing() {
    GateResult result = createGate().run(failingContext());

    assertThat(result).isNotNull();
    assertThat(result.status()).isIn(GateStatus.FAIL, GateStatus.ERROR);
    assertThat(result.status().blocks()).isTrue();
    assertThat(result.summary()).as("a failing result tells the model why").isNotBlank();
  }

  @Test
  void run_returnsResultsCarryingTheGateName() {
    Gate gate = createGate();

    assertThat(gate.run(passingContext()).gate()).isEqualTo(gate.name());
    assertThat(gate.run(failingContext()).gate()).isEqualTo(gate.name());
  }
}
