package dev.ratchet.rust;

import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.rust.cargo.CargoBuild;
import dev.ratchet.rust.cargo.CargoMessages;
import dev.ratchet.sandbox.CommandEnvironment;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A gate that compiles and judges by the compiler's diagnostics: {@code cargo build} or {@code
 * cargo clippy}, with {@code --message-format=json} and warnings denied.
 */
final class DiagnosticGate extends CargoGate {

  /** JSON diagnostics are long; a cut stream loses whole messages, so allow much more. */
  private static final long JSON_OUTPUT_BYTES = 32L << 20;

  private final List<String> args;
  private final Map<String, String> env;
  private final String command;

  DiagnosticGate(String name, List<String> args, Map<String, String> env,
      CargoEnvironment environment, Limits limits, ManifestPolicy manifests) {
    super(name, environment, limits.withOutputBytes(Math.max(limits.outputBytes(),
        JSON_OUTPUT_BYTES)), manifests);
    this.args = List.copyOf(args);
    this.env = Map.copyOf(env);
    this.command = "cargo " + String.join(" ", args);
  }

  @Override
  GateResult judge(GateContext context) {
    ExecResult r = cargo(context, CargoEnvironment.Channel.STABLE, args, env);
    CargoBuild build = CargoMessages.parse(r.stdout(), CommandEnvironment.WORKSPACE);
    List<Diagnostic> diagnostics = build.diagnostics();
    String limit = limitLine(command, r, limits);
    boolean clean = r.exitCode() == 0 && build.success().orElse(false)
        && build.at(Diagnostic.Level.ERROR).isEmpty();
    GateStatus status = limit.isEmpty() && clean ? GateStatus.PASS : GateStatus.FAIL;
    String summary;
    if (!limit.isEmpty()) {
      summary = limit;
    } else if (clean) {
      summary = command + ": no errors, no warnings.";
    } else if (diagnostics.isEmpty()) {
      summary = command + " failed (" + r.describe() + ") without compiler messages:\n"
          + Summaries.tail(r.stderr(), 3000);
    } else {
      summary = Summaries.diagnostics(command, diagnostics, context.workspace());
    }
    if (r.outputTruncated()) {
      summary += "\n(The compiler's output passed " + (JSON_OUTPUT_BYTES >> 20) + " MiB and was"
          + " cut; some messages are missing.)";
    }
    return new GateResult(name(), status, diagnostics, List.of(), Map.of(), summary, log(r),
        Duration.ZERO);
  }
}
