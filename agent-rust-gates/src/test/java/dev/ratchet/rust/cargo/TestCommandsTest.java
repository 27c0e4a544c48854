package dev.ratchet.rust.cargo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestCommandsTest {

  private static final List<String> WRAPPER =
      List.of("/bin/sh", "-c", "exec \"$0\" \"$@\" 2>&1", "cargo");
  private static final List<String> TEST = List.of("test", "--frozen", "--workspace");

  /** A listing whose only doc tests part lists nothing. */
  private static final String NO_DOC_TESTS = "     Running unittests src/lib.rs"
      + " (target/debug/deps/c-0123)\nt: test\n\n1 test, 0 benchmarks\n   Doc-tests c\n"
      + "0 tests, 0 benchmarks\n";

  @Test
  void list_buildsWithJsonDiagnostics_andListsWithTheHarnessArguments() {
    assertThat(TestCommands.list(TEST, List.of("name"))).containsExactly(WRAPPER.get(0),
        WRAPPER.get(1), WRAPPER.get(2), "cargo", "test", "--frozen", "--workspace",
        "--message-format=json", "--no-fail-fast", "--", "--list", "name");
  }

  @Test
  void run_leavesDocTestsOut_onlyWhenTheListingHasNone() {
    assertThat(TestCommands.run(TEST, List.of(), NO_DOC_TESTS)).endsWith("--workspace",
        "--tests", "--no-fail-fast", "--");
    String withDocTests = NO_DOC_TESTS.replace("   Doc-tests c\n0 tests",
        "   Doc-tests c\nsrc/lib.rs - f (line 3): test\n\n1 test");
    assertThat(TestCommands.run(TEST, List.of(), withDocTests)).doesNotContain("--tests");
  }

  @Test
  void run_keepsTheTargetsACommandSelects() {
    List<String> loom = List.of("test", "--release", "--lib", "--tests");
    List<String> oneTest = List.of("test", "--test=it");

    assertThat(TestCommands.run(loom, List.of("model"), NO_DOC_TESTS)).containsExactly(
        WRAPPER.get(0), WRAPPER.get(1), WRAPPER.get(2), "cargo", "test", "--release", "--lib",
        "--tests", "--no-fail-fast", "--", "model");
    assertThat(TestCommands.run(oneTest, List.of(), NO_DOC_TESTS)).doesNotContain("--tests");
  }
}
