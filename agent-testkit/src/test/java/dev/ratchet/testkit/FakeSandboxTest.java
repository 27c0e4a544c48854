package dev.ratchet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.RatchetException;
import dev.ratchet.RetriableException;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeSandboxTest {

  @Test
  void exec_answersFromFunctionAndRecordsSpecs() {
    FakeSandbox sandbox =
        FakeSandbox.answering(
            spec ->
                ExecResult.of(
                    spec.argv().size(), String.join(" ", spec.argv()), "", Duration.ZERO));
    ExecSpec build = ExecSpec.builder("cargo", "build", "--offline").build();
    ExecSpec test = ExecSpec.builder("cargo", "test").env("RUST_BACKTRACE", "1").build();

    ExecResult first = sandbox.exec(build);
    ExecResult second = sandbox.exec(test);

    assertThat(first.exitCode()).isEqualTo(3);
    assertThat(first.stdout()).isEqualTo("cargo build --offline");
    assertThat(second.exitCode()).isEqualTo(2);
    assertThat(sandbox.specs()).containsExactly(build, test);
  }

  @Test
  void specs_isUnmodifiableCopy() {
    FakeSandbox sandbox = FakeSandbox.exitCode(0, "");
    sandbox.exec(ExecSpec.builder("true").build());

    assertThatThrownBy(() -> sandbox.specs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(sandbox.specs()).hasSize(1);
  }

  @Test
  void exitCode_answersEveryCommandAlike() {
    FakeSandbox sandbox = FakeSandbox.exitCode(101, "test result: FAILED");

    ExecResult result = sandbox.exec(ExecSpec.builder("cargo", "test").build());

    assertThat(result.exitCode()).isEqualTo(101);
    assertThat(result.stdout()).isEqualTo("test result: FAILED");
    assertThat(result.stderr()).isEmpty();
    assertThat(result.timedOut()).isFalse();
    assertThat(result.succeeded()).isFalse();
    assertThat(sandbox.exec(ExecSpec.builder("ls").build())).isEqualTo(result);
  }

  @Test
  void exec_throwsNonRetriable_whenUnavailable() {
    FakeSandbox sandbox = FakeSandbox.unavailable();
    ExecSpec spec = ExecSpec.builder("cargo", "build").build();

    assertThatThrownBy(() -> sandbox.exec(spec))
        .isInstanceOf(RatchetException.class)
        .isNotInstanceOf(RetriableException.class)
        .hasMessageStartingWith("no sandbox configured")
        .hasMessageContaining("[cargo, build]");
    assertThat(sandbox.specs()).containsExactly(spec);
  }

  @Test
  void exec_throws_whenFunctionReturnsNull() {
    FakeSandbox sandbox = FakeSandbox.answering(spec -> null);

    assertThatThrownBy(() -> sandbox.exec(ExecSpec.builder("true").build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("return an ExecResult");
  }

  @Test
  void exec_throws_afterClose() {
    FakeSandbox sandbox = FakeSandbox.exitCode(0, "");
    sandbox.close();

    assertThat(sandbox.closed()).isTrue();
    assertThatThrownBy(() -> sandbox.exec(ExecSpec.builder("true").build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after close()");
  }

  @Test
  void name_isFake() {
    assertThat(FakeSandbox.exitCode(0, "").name()).isEqualTo("fake");
  }
}
