package dev.ratchet.rust;

import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.rust.cargo.MiriReport;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.Limits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cargo miri test} on the nightly toolchain: undefined behaviour reduced to its kind,
 * location and first frames. UNAVAILABLE, not failed, when Miri is not installed.
 */
final class MiriGate extends CargoGate {

  private final Map<String, String> env;

  MiriGate(Map<String, String> miriEnv, CargoEnvironment environment, Limits limits,
      ManifestPolicy manifests) {
    super("miri", environment, limits, manifests);
    Map<String, String> all = new LinkedHashMap<>();
    // Miri builds its own standard library once; keep it in the cached target directory.
    all.put("MIRI_SYSROOT", CargoEnvironment.TARGET + "/miri-sysroot");
    all.putAll(miriEnv);
    this.env = Map.copyOf(all);
  }

  @Override
  GateResult judge(GateContext context) {
    if (!environment.toolchain().hasMiri()) {
      return GateResult.of(name(), GateStatus.UNAVAILABLE, "Miri is not installed: the nightly"
          + " toolchain " + environment.toolchain().nightly().map(Object::toString)
              .orElse("(none)") + " has no cargo-miri (rustup +nightly component add miri).");
    }
    ExecResult setup = cargo(context, CargoEnvironment.Channel.NIGHTLY,
        List.of("miri", "setup"), env);
    if (setup.exitCode() != 0) {
      MiriReport why = MiriReport.parse(setup.stdout() + "\n" + setup.stderr());
      GateStatus status = why.unavailable() ? GateStatus.UNAVAILABLE : GateStatus.ERROR;
      return new GateResult(name(), status, List.of(), List.of(), Map.of(),
          "cargo miri setup failed (" + setup.describe() + "): "
              + Summaries.tail(setup.stderr(), 2000), log(setup), Duration.ZERO);
    }
    ExecResult r = cargo(context, CargoEnvironment.Channel.NIGHTLY,
        List.of("miri", "test", "--frozen", "--no-fail-fast"), env);
    MiriReport report = MiriReport.parse(r.stdout() + "\n" + r.stderr());
    String limit = limitLine("cargo miri test", r, limits);
    if (report.unavailable()) {
      return new GateResult(name(), GateStatus.UNAVAILABLE, List.of(), List.of(), Map.of(),
          report.unavailableReason(), log(r), Duration.ZERO);
    }
    boolean passed = limit.isEmpty() && r.exitCode() == 0 && report.findings().isEmpty();
    String summary = !limit.isEmpty() ? limit : passed
        ? "cargo miri test: no undefined behaviour found in the tests that ran."
        : report.findings().isEmpty()
            ? "cargo miri test failed (" + r.describe() + "):\n"
                + Summaries.tail(r.stderr(), 3000)
            : report.summary();
    return new GateResult(name(), passed ? GateStatus.PASS : GateStatus.FAIL, List.of(),
        List.of(), Map.of("miri.findings", (double) report.findings().size()), summary, log(r),
        Duration.ZERO);
  }
}
