package dev.ratchet.rust;

import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.gate.TestOutcome;
import dev.ratchet.rust.cargo.CargoBuild;
import dev.ratchet.rust.cargo.CargoMessages;
import dev.ratchet.rust.cargo.Manifests;
import dev.ratchet.rust.cargo.TestAccount;
import dev.ratchet.rust.cargo.TestAccounting;
import dev.ratchet.rust.cargo.TestCommands;
import dev.ratchet.sandbox.CommandEnvironment;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code cargo test} with warnings denied, doc tests included, judged test by test against the
 * listing taken first ({@code -- --list}, in the same cargo call that builds the tests and reports
 * their diagnostics as JSON), so that a test that exits the process early or prints
 * libtest-looking lines cannot pass for a test that did not run. Used for plain tests and, with
 * other flags, for Loom models.
 */
final class TestGate extends CargoGate {

  private static final long OUTPUT_BYTES = 32L << 20;

  private final List<String> cargoArgs;
  private final List<String> harnessArgs;
  private final Map<String, String> env;
  private final Function<String, String> failureReport;
  private final String command;

  /**
   * A test gate.
   *
   * @param failureReport reads the run's output when it failed and returns extra lines for the
   *     summary (Loom's reduced report, for instance); empty for none
   */
  TestGate(String name, List<String> cargoArgs, List<String> harnessArgs, Map<String, String> env,
      Function<String, String> failureReport, CargoEnvironment environment, Limits limits,
      ManifestPolicy manifests) {
    super(name, environment, limits.withOutputBytes(Math.max(limits.outputBytes(), OUTPUT_BYTES)),
        manifests);
    this.cargoArgs = List.copyOf(cargoArgs);
    this.harnessArgs = List.copyOf(harnessArgs);
    this.env = Map.copyOf(env);
    this.failureReport = failureReport;
    this.command = "cargo " + String.join(" ", cargoArgs);
  }

  @Override
  GateResult judge(GateContext context) {
    // One cargo call builds (JSON diagnostics) and lists the tests; a second runs them.
    ExecResult listed = exec(context, TestCommands.list(cargoArgs, harnessArgs));
    String limit = limitLine(command + " -- --list", listed, limits);
    CargoBuild build = CargoMessages.parse(listed.stdout(), CommandEnvironment.WORKSPACE);
    if (!limit.isEmpty() || listed.exitCode() != 0 || !build.success().orElse(false)) {
      String summary = !limit.isEmpty() ? limit : build.diagnostics().isEmpty()
          ? command + ": the tests do not build (" + listed.describe() + "):\n"
              + Summaries.tail(listed.stdout(), 3000)
          : Summaries.render(command + ": the tests do not compile, so none ran.",
              build.diagnostics(), List.of(), context.workspace());
      return result(GateStatus.FAIL, build, List.of(), summary, listed);
    }
    ExecResult ran = exec(context, TestCommands.run(cargoArgs, harnessArgs, listed.stdout()));
    limit = limitLine(command, ran, limits);
    TestAccount account = TestAccounting.account(listed.stdout(), ran.stdout(),
        Manifests.harnessFalseTargets(context.workspace().root()));
    List<TestOutcome> tests = account.tests();
    boolean passed = limit.isEmpty() && ran.exitCode() == 0 && account.allPassed();
    long ok = tests.stream().filter(t -> t.status() == TestOutcome.Status.PASSED).count();
    long failed = tests.stream().filter(t -> t.status() == TestOutcome.Status.FAILED).count();
    long ignored = tests.size() - ok - failed;
    String headline = command + ": " + ok + " passed, " + failed + " failed, " + ignored
        + " ignored";
    String summary;
    if (!limit.isEmpty()) {
      summary = limit + "\n" + headline;
    } else if (passed) {
      summary = headline + ".";
    } else {
      String problems = account.problems().isEmpty() ? ""
          : "\nNot believed: " + String.join("; ", account.problems());
      if (failed == 0 && ran.exitCode() != 0) {
        problems += "\ncargo test exited with " + ran.describe() + " although every listed test"
            + " passed:\n" + Summaries.tail(ran.stdout(), 2000);
      }
      String extra = failureReport.apply(ran.stdout());
      summary = Summaries.render(headline + "." + problems
          + (extra.isBlank() ? "" : "\n" + extra.strip()), build.diagnostics(), tests,
          context.workspace());
    }
    return result(passed ? GateStatus.PASS : GateStatus.FAIL, build, tests, summary, ran);
  }

  private ExecResult exec(GateContext context, List<String> argv) {
    return context.sandbox().exec(environment.command(context.workspace().root(),
        CargoEnvironment.Channel.STABLE, argv, env, limits));
  }

  private GateResult result(GateStatus status, CargoBuild build, List<TestOutcome> tests,
      String summary, ExecResult log) {
    return new GateResult(name(), status, build.diagnostics(), tests, Map.of(), summary, log(log),
        Duration.ZERO);
  }
}
