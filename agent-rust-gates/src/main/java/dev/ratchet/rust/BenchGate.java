package dev.ratchet.rust;

import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.rust.cargo.BenchComparison;
import dev.ratchet.rust.cargo.BenchEstimate;
import dev.ratchet.rust.cargo.BenchVerdict;
import dev.ratchet.rust.cargo.CriterionEstimates;
import dev.ratchet.rust.cargo.CriterionResults;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.io.SafeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cargo bench} with criterion: per-benchmark estimates with confidence intervals, read from
 * {@code target/criterion/**}/new/estimates.json} (never through a link), compared with a
 * baseline. A change beyond the threshold AND outside the noise band (intervals that do not
 * overlap) fails, with the numbers. The baseline is the first measurement the gate takes (in a
 * loop, the base tree's) unless a baseline file holds one; a given file that does not exist yet
 * is written with that first measurement.
 */
final class BenchGate extends CargoGate {

  private final BenchOptions options;
  private List<BenchEstimate> baseline;

  BenchGate(BenchOptions options, CargoEnvironment environment, Limits limits,
      ManifestPolicy manifests) {
    super("bench", environment, limits, manifests);
    this.options = options;
  }

  @Override
  GateResult judge(GateContext context) {
    Path target = environment.targetDir(context.workspace().root());
    // Stale estimates of benchmarks that no longer exist would hide a removed benchmark.
    SafeFiles.deleteTree(target.resolve("criterion"));
    // --bench * selects the bench targets only (--benches would take the lib in bench mode too).
    List<String> args = new ArrayList<>(List.of("bench", "--frozen", "--bench", "*"));
    args.add("--");
    args.addAll(options.criterionArgs());
    ExecResult r = cargo(context, CargoEnvironment.Channel.STABLE, args, Map.of());
    String limit = limitLine("cargo bench", r, limits);
    if (!limit.isEmpty() || r.exitCode() != 0) {
      return result(GateStatus.FAIL, Map.of(), limit.isEmpty() ? "cargo bench failed ("
          + r.describe() + "):\n" + Summaries.tail(r.stderr(), 3000) : limit, r);
    }
    CriterionResults now = CriterionEstimates.read(target, "criterion", "new");
    if (now.benchmarks().isEmpty()) {
      return result(GateStatus.FAIL, Map.of(), "cargo bench ran, but no criterion estimates were"
          + " found under target/criterion" + (now.problems().isEmpty() ? ""
              : ": " + String.join("; ", now.problems())), r);
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (BenchEstimate e : now.benchmarks()) {
      metrics.put("bench." + e.name() + ".mean_ns", e.mean().point());
    }
    synchronized (this) {
      if (baseline == null) {
        baseline = loadBaseline().orElse(null);
      }
      if (baseline == null) {
        baseline = now.benchmarks();
        saveBaseline(baseline);
        return result(GateStatus.PASS, metrics, "cargo bench: " + now.benchmarks().size()
            + " benchmark(s) measured; this is the baseline later changes are compared with.", r);
      }
    }
    List<BenchVerdict> verdicts = BenchComparison.compare(baseline, now.benchmarks(),
        options.threshold());
    boolean blocked = verdicts.stream().anyMatch(BenchVerdict::blocks);
    StringBuilder summary = new StringBuilder("cargo bench against the baseline (threshold "
        + Math.round(options.threshold() * 100) + "% and outside the noise band):");
    for (BenchVerdict v : verdicts) {
      summary.append("\n- ").append(v.explanation());
    }
    return result(blocked ? GateStatus.FAIL : GateStatus.PASS, metrics, summary.toString(), r);
  }

  private Optional<List<BenchEstimate>> loadBaseline() {
    Optional<Path> file = options.baselineFile();
    if (file.isEmpty() || !Files.isRegularFile(file.get())) {
      return Optional.empty();
    }
    try {
      return Optional.of(BenchComparison.fromBaselineJson(Files.readString(file.get())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bench baseline " + file.get(), e);
    }
  }

  private void saveBaseline(List<BenchEstimate> estimates) {
    Optional<Path> file = options.baselineFile();
    if (file.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(file.get().toAbsolutePath().getParent());
      Files.writeString(file.get(), BenchComparison.toBaselineJson(estimates));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bench baseline " + file.get(), e);
    }
  }

  private GateResult result(GateStatus status, Map<String, Double> metrics, String summary,
      ExecResult r) {
    return new GateResult(name(), status, List.of(), List.of(), metrics, summary, log(r),
        Duration.ZERO);
  }
}
