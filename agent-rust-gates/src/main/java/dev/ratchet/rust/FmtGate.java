package dev.ratchet.rust;

import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.rust.cargo.CargoMessages;
import dev.ratchet.sandbox.CommandEnvironment;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/** {@code cargo fmt --check}: the files rustfmt would change, with its diff. */
final class FmtGate extends CargoGate {

  /** rustfmt's check output: {@code Diff in /workspace/src/lib.rs:3:} or {@code ... at line 3:}. */
  private static final Pattern DIFF_IN =
      Pattern.compile("^Diff in (\\S+?)(?::(\\d+):| at line (\\d+):)\\s*$", Pattern.MULTILINE);

  FmtGate(CargoEnvironment environment, Limits limits, ManifestPolicy manifests) {
    super("fmt", environment, limits, manifests);
  }

  @Override
  GateResult judge(GateContext context) {
    ExecResult r = cargo(context, CargoEnvironment.Channel.STABLE,
        List.of("fmt", "--all", "--check", "--", "--color", "never"), Map.of());
    String limit = limitLine("cargo fmt --check", r, limits);
    if (!limit.isEmpty()) {
      return new GateResult(name(), GateStatus.FAIL, List.of(), List.of(), Map.of(), limit,
          log(r), Duration.ZERO);
    }
    if (r.exitCode() == 0) {
      return new GateResult(name(), GateStatus.PASS, List.of(), List.of(), Map.of(),
          "cargo fmt --check: every file is formatted.", log(r), Duration.ZERO);
    }
    List<Diagnostic> diagnostics = differingFiles(r.stdout());
    if (diagnostics.isEmpty()) {
      // rustfmt could not parse a file, or cargo failed before formatting.
      return new GateResult(name(), GateStatus.FAIL, List.of(), List.of(), Map.of(),
          "cargo fmt --check failed (" + r.describe() + "):\n"
              + Summaries.tail(r.stderr(), 2000), log(r),
          Duration.ZERO);
    }
    StringBuilder summary = new StringBuilder("cargo fmt --check: " + diagnostics.size()
        + " place(s) are not formatted as rustfmt would; run cargo fmt or match this diff:\n");
    for (Diagnostic d : diagnostics) {
      if (summary.length() > 4000) {
        summary.append("...\n");
        break;
      }
      summary.append(d.rendered()).append('\n');
    }
    return new GateResult(name(), GateStatus.FAIL, diagnostics, List.of(), Map.of(),
        summary.toString().strip(), log(r), Duration.ZERO);
  }

  /** One diagnostic per diff block, carrying the block as its rendering. */
  static List<Diagnostic> differingFiles(String stdout) {
    List<MatchResult> blocks = DIFF_IN.matcher(stdout).results().toList();
    List<Diagnostic> out = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      MatchResult m = blocks.get(i);
      int to = i + 1 < blocks.size() ? blocks.get(i + 1).start() : stdout.length();
      String line = m.group(2) != null ? m.group(2) : m.group(3);
      out.add(new Diagnostic(Diagnostic.Level.ERROR, "rustfmt", "not formatted as rustfmt would",
          CargoMessages.relativise(m.group(1), CommandEnvironment.WORKSPACE),
          Integer.parseInt(line), 0, stdout.substring(m.start(), to).strip(), List.of()));
    }
    return out;
  }
}
