package dev.ratchet.rust.cargo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ratchet.gate.TestOutcome;
import dev.ratchet.gate.TestOutcome.Status;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestAccountingTest {

  private static TestAccount golden(String name, String run, Set<String> harnessFalse) {
    return TestAccounting.account(Golden.text(name + "/list.txt"),
        Golden.text(name + "/" + run), harnessFalse);
  }

  private static TestOutcome outcome(TestAccount account, String name) {
    return account.tests().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no outcome " + name + " in " + account.tests()));
  }

  @Test
  void account_failsEveryTestOfABinary_whenATestCalledProcessExit() {
    TestAccount account = golden("test_exit", "run.txt", Set.of("custom"));

    assertThat(account.tests()).filteredOn(t -> t.name().startsWith("it::"))
        .extracting(TestOutcome::name, TestOutcome::status).containsExactly(
            tuple("it::it_exits", Status.FAILED), tuple("it::it_fails", Status.FAILED),
            tuple("it::it_passes", Status.FAILED));
    assertThat(account.tests()).filteredOn(t -> t.name().startsWith("it::"))
        .allSatisfy(t -> assertThat(t.message()).startsWith(TestAccounting.EXITED_EARLY));
    assertThat(outcome(account, "it::it_passes").message())
        .endsWith("Its own line said ok, which does not count.");
    assertThat(outcome(account, "it::it_exits").message())
        .endsWith("This test printed no result line.");
    assertThat(account.problems()).containsExactly(
        "tests/it.rs (it): " + TestAccounting.EXITED_EARLY);
    assertThat(account.allPassed()).isFalse();
  }

  @Test
  void account_believesTheBinariesThatAddUp_inTheSameRun() {
    TestAccount account = golden("test_exit", "run.txt", Set.of("custom"));

    assertThat(account.tests()).extracting(TestOutcome::name, TestOutcome::status)
        .contains(tuple("acct::tests::adds", Status.PASSED),
            tuple("acct::tests::slow_one", Status.IGNORED),
            tuple("acct::tests::subtracts_badly", Status.FAILED),
            tuple("src/lib.rs - add (line 3)", Status.PASSED),
            tuple("src/lib.rs - sub (line 12)", Status.FAILED));
    assertThat(outcome(account, "acct::tests::subtracts_badly").message()).isEqualTo(
        "thread 'tests::subtracts_badly' (19509) panicked at src/lib.rs:30:9:\n"
            + "assertion `left == right` failed: sub is off\n  left: 1\n right: 2");
    assertThat(outcome(account, "src/lib.rs - sub (line 12)").message())
        .startsWith("Test executable failed (exit status: 101).");
    assertThat(account.tests()).hasSize(9);
  }

  @Test
  void account_judgesAHarnessFalseTargetByItsExitStatus_whenDeclared() {
    TestAccount account = golden("test_exit", "run.txt", Set.of("custom"));

    TestOutcome custom = outcome(account, "custom [harness = false]");
    assertThat(custom.status()).isEqualTo(Status.FAILED);
    assertThat(custom.message()).startsWith("it exited unsuccessfully (exit status: 3);")
        .endsWith("Its last output:\ncustom harness: checking");
  }

  @Test
  void account_failsABinaryThatListedNothing_whenNotDeclaredHarnessFalse() {
    TestAccount account = golden("test_exit", "run.txt", Set.of());

    assertThat(outcome(account, "tests/custom.rs (custom)").status()).isEqualTo(Status.FAILED);
    assertThat(account.problems()).anyMatch(p -> p.startsWith("tests/custom.rs (custom): its"
        + " listing has no 'N tests, M benchmarks' line"));
  }

  @Test
  void account_passesAHarnessFalseTarget_whenItExitsZero() {
    String list = "     Running tests/check.rs (target/debug/deps/check-0123456789abcdef)\n"
        + "checking\n";
    String run = "     Running tests/check.rs (target/debug/deps/check-0123456789abcdef)\n"
        + "checking\nall good\n";

    TestAccount account = TestAccounting.account(list, run, Set.of("check"));

    assertThat(account.tests()).extracting(TestOutcome::name, TestOutcome::status)
        .containsExactly(tuple("check [harness = false]", Status.PASSED));
    assertThat(account.allPassed()).isTrue();
  }

  @Test
  void account_refusesForgedResultLines_whenATestWritesToFdOne() {
    TestAccount account = golden("test_forged", "run.txt", Set.of());

    assertThat(outcome(account, "forge::victim").status()).isEqualTo(Status.FAILED);
    assertThat(outcome(account, "forge::victim").message())
        .startsWith("thread 'victim' (19840) panicked at tests/forge.rs:7:5:\nthe victim fails")
        .endsWith("(it printed 4 result lines for 2 tests (a test wrote to stdout past libtest's"
            + " capture?))");
    assertThat(outcome(account, "forge::forger").status()).isEqualTo(Status.FAILED);
    assertThat(outcome(account, "forge::forger").message())
        .startsWith("its own line said ok, which does not count: it printed 4 result lines");
    assertThat(outcome(account, "forge::tests::honest").status()).isEqualTo(Status.PASSED);
    assertThat(account.tests()).extracting(TestOutcome::name).doesNotContain("forge::fake");
  }

  @Test
  void account_refusesForgeries_whenRunOnOneThread() {
    TestAccount account = golden("test_forged", "run_serial.txt", Set.of());

    assertThat(account.tests()).filteredOn(t -> !t.name().equals("forge::tests::honest"))
        .extracting(TestOutcome::status).containsOnly(Status.FAILED).hasSize(4);
    assertThat(account.problems()).containsExactly(
        "tests/forge.rs (forge): it printed 3 result lines for 2 tests (a test wrote to stdout"
            + " past libtest's capture?)",
        "tests/forge_exit.rs (forge_exit): it reported test 'forger ... test forger', which the"
            + " listing does not have");
  }

  @Test
  void account_acceptsACompleteForgeryThatExits_knownLimitation() {
    // A test that prints a whole coherent report for its binary and exits 0 leaves text that
    // is byte for byte an honest run (see TestAccounting's Javadoc): documented, not detectable.
    TestAccount account = golden("test_forged", "run.txt", Set.of());

    assertThat(outcome(account, "forge_exit::victim").status()).isEqualTo(Status.PASSED);
    assertThat(account.problems()).noneMatch(p -> p.startsWith("tests/forge_exit.rs"));
  }

  @Test
  void account_readsPanicsShouldPanicAndDocTestModes() {
    TestAccount account = golden("test_failures", "run.txt", Set.of());

    assertThat(account.problems()).isEmpty();
    assertThat(account.tests()).extracting(TestOutcome::name, TestOutcome::status)
        .containsExactly(
            tuple("misc::tests::does_not_panic", Status.FAILED),
            tuple("misc::tests::nested_failure", Status.FAILED),
            tuple("misc::tests::panics_as_expected", Status.PASSED),
            tuple("misc::tests::returns_err", Status.FAILED),
            tuple("src/lib.rs - modes (line 1)", Status.PASSED),
            tuple("src/lib.rs - modes (line 13)", Status.IGNORED),
            tuple("src/lib.rs - modes (line 5)", Status.PASSED),
            tuple("src/lib.rs - modes (line 9)", Status.PASSED));
    assertThat(outcome(account, "misc::tests::nested_failure").message()).isEqualTo(
        "thread 'tests::nested_failure' (19939) panicked at src/lib.rs:33:18:\n"
            + "index out of bounds: the len is 0 but the index is 3");
    assertThat(outcome(account, "misc::tests::does_not_panic").message())
        .isEqualTo("note: test did not panic as expected at src/lib.rs:25:8");
    assertThat(outcome(account, "misc::tests::returns_err").message())
        .isEqualTo("Error: \"bad input\"");
  }

  @Test
  void account_tellsWorkspaceMembersApart_andCountsBenchmarksAsTests() {
    TestAccount account = golden("test_workspace", "run.txt", Set.of());

    assertThat(account.allPassed()).isTrue();
    assertThat(account.tests()).extracting(TestOutcome::name).containsExactly(
        "a::tests::doubles", "b::tests::bench_triple", "b::tests::triples", "it::it_ok",
        "crates/a/src/lib.rs - double (line 3)", "crates/b/src/lib.rs - triple (line 5)");
  }

  /** The workspace golden as if its crates had no doc tests: each Doc-tests part lists none. */
  private static String listWithoutDocTests() {
    String list = Golden.text("test_workspace/list.txt");
    return list.substring(0, list.indexOf("   Doc-tests a"))
        + "   Doc-tests a\n0 tests, 0 benchmarks\n   Doc-tests b\n0 tests, 0 benchmarks\n";
  }

  @Test
  void listsNoDocTests_onlyWhenEveryDocTestPartListsNone() {
    String list = Golden.text("test_workspace/list.txt");
    String oneLeft = listWithoutDocTests().replace("   Doc-tests b\n0 tests, 0 benchmarks\n",
        list.substring(list.indexOf("   Doc-tests b")));
    String noDocPart = list.substring(0, list.indexOf("   Doc-tests a"));

    assertThat(TestAccounting.listsNoDocTests(listWithoutDocTests())).isTrue();
    assertThat(TestAccounting.listsNoDocTests(list)).isFalse();
    assertThat(TestAccounting.listsNoDocTests(oneLeft)).isFalse();
    assertThat(TestAccounting.listsNoDocTests(noDocPart)).as("nothing says rustdoc would run")
        .isFalse();
  }

  @Test
  void account_acceptsARunWithoutDocTests_whenTheListingHasNone() {
    String run = Golden.text("test_workspace/run.txt");
    String withoutDocTests = run.substring(0, run.indexOf("   Doc-tests a"));

    TestAccount account = TestAccounting.account(listWithoutDocTests(), withoutDocTests);

    assertThat(account.problems()).isEmpty();
    assertThat(account.allPassed()).isTrue();
    assertThat(account.tests()).extracting(TestOutcome::name).containsExactly(
        "a::tests::doubles", "b::tests::bench_triple", "b::tests::triples", "it::it_ok");
  }

  @Test
  void account_failsListedDocTests_thatTheRunLeftOut() {
    String run = Golden.text("test_workspace/run.txt");
    String withoutDocTests = run.substring(0, run.indexOf("   Doc-tests a"));

    TestAccount account = TestAccounting.account(Golden.text("test_workspace/list.txt"),
        withoutDocTests);

    assertThat(account.allPassed()).isFalse();
    assertThat(outcome(account, "crates/a/src/lib.rs - double (line 3)").message())
        .startsWith(TestAccounting.NEVER_REPORTED);
  }

  @Test
  void account_failsTheListedTests_whenTheirBinaryNeverRan() {
    String list = Golden.text("test_workspace/list.txt");
    String run = Golden.text("test_workspace/run.txt");
    String withoutIt = run.substring(0, run.indexOf("     Running tests/it.rs"))
        + run.substring(run.indexOf("   Doc-tests a"));

    TestAccount account = TestAccounting.account(list, withoutIt);

    assertThat(outcome(account, "it::it_ok").status()).isEqualTo(Status.FAILED);
    assertThat(outcome(account, "it::it_ok").message()).startsWith(
        TestAccounting.NEVER_REPORTED + ": its test binary did not run");
    assertThat(outcome(account, "a::tests::doubles").status()).isEqualTo(Status.PASSED);
  }

  @Test
  void account_failsTheBinary_whenItsSummaryDisagreesWithItsLines() {
    String list = Golden.text("test_workspace/list.txt");
    String run = Golden.text("test_workspace/run.txt").replace(
        "test tests::doubles ... ok\n\ntest result: ok. 1 passed;",
        "test tests::doubles ... ok\n\ntest result: ok. 2 passed;");

    TestAccount account = TestAccounting.account(list, run);

    assertThat(outcome(account, "a::tests::doubles").status()).isEqualTo(Status.FAILED);
    assertThat(account.problems()).containsExactly("unittests src/lib.rs (a): its 'test result'"
        + " line counts 2 passed, 0 failed, 0 ignored, but its result lines say 1, 0, 0");
  }

  @Test
  void account_failsTheBinary_whenCargoSawItFailDespiteAnOkSummary() {
    String list = Golden.text("test_workspace/list.txt");
    String run = Golden.text("test_workspace/run.txt").replace(
        "     Running tests/it.rs", "error: test failed, to rerun pass `-p b --lib`\n\nCaused by:\n"
            + "  process didn't exit successfully: `/work/target/debug/deps/b-2fb880dc84765b50`"
            + " (signal: 6, SIGABRT: process abort signal)\n     Running tests/it.rs");

    TestAccount account = TestAccounting.account(list, run);

    assertThat(outcome(account, "b::tests::triples").status()).isEqualTo(Status.FAILED);
    assertThat(outcome(account, "a::tests::doubles").status()).isEqualTo(Status.PASSED);
    assertThat(account.problems()).containsExactly("unittests src/lib.rs (b): cargo says it"
        + " exited unsuccessfully (signal: 6, SIGABRT: process abort signal) although its 'test"
        + " result' line says ok");
  }

  @Test
  void account_failsTheBinary_whenItsResultLinesAreMissing() {
    String list = Golden.text("test_workspace/list.txt");
    String quiet = Golden.text("test_workspace/run.txt").replace("test it_ok ... ok\n", ".\n");

    TestAccount account = TestAccounting.account(list, quiet);

    assertThat(outcome(account, "it::it_ok").status()).isEqualTo(Status.FAILED);
    assertThat(outcome(account, "it::it_ok").message()).isEqualTo("never reported: it printed 0"
        + " result lines for 1 test (libtest's pretty format is needed: no -q, no --format terse)");
  }

  @Test
  void account_failsTheBinary_whenAResultLineStandsOutsideItsBlock() {
    String list = Golden.text("test_workspace/list.txt");
    String run = Golden.text("test_workspace/run.txt").replaceFirst("\nrunning 1 test\n",
        "\ntest tests::doubles ... ok\nrunning 1 test\n");

    TestAccount account = TestAccounting.account(list, run);

    assertThat(outcome(account, "a::tests::doubles").status()).isEqualTo(Status.FAILED);
    assertThat(account.problems()).containsExactly("unittests src/lib.rs (a): its output has 1"
        + " test result line outside libtest's block (printed by the code under test?)");
  }

  @Test
  void account_failsTheBinary_whenATestIsReportedTwice() {
    String list = Golden.text("test_workspace/list.txt");
    String run = Golden.text("test_workspace/run.txt")
        .replace("test tests::bench_triple ... ok", "test tests::triples ... ok");

    TestAccount account = TestAccounting.account(list, run);

    assertThat(outcome(account, "b::tests::bench_triple").message())
        .isEqualTo("never reported: it reported test 'tests::triples' twice");
    assertThat(outcome(account, "b::tests::triples").status()).isEqualTo(Status.FAILED);
  }

  @Test
  void account_failsEverything_whenAHeaderIsForged() {
    String list = Golden.text("test_workspace/list.txt");
    String run = Golden.text("test_workspace/run.txt");
    String header = "     Running tests/it.rs (target/debug/deps/it-97350e2490bcb247)\n";
    String forged = run.replace("test tests::doubles ... ok\n", "test tests::doubles ... ok\n"
        + header + "\nrunning 1 test\ntest it_ok ... ok\n\ntest result: ok. 1 passed; 0 failed;"
        + " 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n\n");

    TestAccount account = TestAccounting.account(list, forged);

    assertThat(outcome(account, "it::it_ok").status()).isEqualTo(Status.FAILED);
    assertThat(outcome(account, "a::tests::doubles").status()).isEqualTo(Status.FAILED);
    assertThat(account.problems()).contains("tests/it.rs (it): its test binary's header appeared"
        + " 2 times, so its output cannot be attributed");
  }

  @Test
  void account_reportsABinaryThatRanButWasNotListed() {
    String list = Golden.text("test_workspace/list.txt");
    String run = Golden.text("test_workspace/run.txt") + "     Running tests/extra.rs"
        + " (target/debug/deps/extra-0123456789abcdef)\n\nrunning 0 tests\n\ntest result: ok. 0"
        + " passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\n";

    TestAccount account = TestAccounting.account(list, run);

    assertThat(outcome(account, "tests/extra.rs (extra)").status()).isEqualTo(Status.FAILED);
    assertThat(account.allPassed()).isFalse();
  }

  @Test
  void account_saysToMergeStderr_whenTheOutputHasNoHeaders() {
    String list = Golden.text("test_workspace/list.txt");
    String stdoutOnly = Golden.text("test_workspace/run.txt").lines()
        .filter(l -> !l.startsWith("     Running") && !l.startsWith("   Doc-tests"))
        .reduce("", (a, b) -> a + b + "\n");

    TestAccount account = TestAccounting.account(list, stdoutOnly);

    assertThat(account.problems()).contains("the run has libtest output but no 'Running' headers:"
        + " merge cargo's stderr into stdout (2>&1)");
    assertThat(account.tests()).extracting(TestOutcome::status).containsOnly(Status.FAILED);
  }

  @Test
  void account_failsClosed_whenTheListingIsEmpty() {
    TestAccount account = TestAccounting.account("error: could not compile `x`\n", "");

    assertThat(account.tests()).singleElement().extracting(TestOutcome::status)
        .isEqualTo(Status.FAILED);
    assertThat(account.allPassed()).isFalse();
  }

  @Test
  void account_namesCollidingTestsByTheirBinary() {
    String list = "     Running unittests src/lib.rs (target/debug/deps/tool-0123456789abcdef)\n"
        + "tests::t: test\n\n1 test, 0 benchmarks\n"
        + "     Running unittests src/main.rs (target/debug/deps/tool-fedcba9876543210)\n"
        + "tests::t: test\n\n1 test, 0 benchmarks\n";
    String run = "     Running unittests src/lib.rs (target/debug/deps/tool-0123456789abcdef)\n\n"
        + "running 1 test\ntest tests::t ... ok\n\ntest result: ok. 1 passed; 0 failed; 0 ignored;"
        + " 0 measured; 0 filtered out; finished in 0.00s\n\n"
        + "     Running unittests src/main.rs (target/debug/deps/tool-fedcba9876543210)\n\n"
        + "running 1 test\ntest tests::t ... ok\n\ntest result: ok. 1 passed; 0 failed; 0 ignored;"
        + " 0 measured; 0 filtered out; finished in 0.00s\n\n";

    TestAccount account = TestAccounting.account(list, run);

    assertThat(account.tests()).extracting(TestOutcome::name).containsExactly(
        "tool::tests::t [unittests src/lib.rs (tool)]",
        "tool::tests::t [unittests src/main.rs (tool)]");
  }
}
