package dev.ratchet.rust.cargo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gist of a failed loom run ({@code RUSTFLAGS="--cfg loom" cargo test --release}): for each
 * failing test, its panic message and loom's own lines (causality violations with the accesses
 * involved, deadlocks, branch limits) and the last iteration loom logged.
 *
 * <p>Reads the failure sections of libtest's output (stderr merged), with ANSI colours removed
 * ({@code LOOM_LOG} colours its lines). This explains a failure; it does not decide one: judge
 * pass or fail with {@link TestAccounting}, because the code under test can print anything.
 *
 * @param failures one entry per failing test, in the order libtest printed them
 */
public record LoomReport(List<Failure> failures) {

  static final int MAX_LOOM_LINES = 10;
  private static final Pattern PANICKED = Pattern.compile("thread '.*' (?:\\(\\d+\\) )?panicked"
      + " at (.+):");
  private static final Pattern LOOM_LINE = Pattern.compile(".*(?:Causality violation"
      + "|Concurrent (?:load|read|write|mut|access)|deadlock|Model exceeded|max_branches"
      + "|preemption bound).*|\\s+(?:created|read|write|load|store|with_mut|unsync_load|"
      + "mut accessed|accessed): .*");
  private static final Pattern ITERATION =
      Pattern.compile("(?:iter\\{(\\d+)\\}|[Ii]teration (\\d+)|Completed in (\\d+) iterations)");

  /** Copies. */
  public LoomReport {
    failures = List.copyOf(failures);
  }

  /**
   * One failing test.
   *
   * @param test the test, named as {@link TestAccounting} names it ({@code model::two_threads})
   * @param message the panic message (the lines after {@code panicked at ...:})
   * @param location where it panicked, as libtest printed it; empty when it did not say
   * @param loomLines loom's own lines about the failure, at most {@value LoomReport#MAX_LOOM_LINES}
   * @param iteration the last iteration loom logged ({@code LOOM_LOG}); 0 when it logged none
   */
  public record Failure(String test, String message, String location, List<String> loomLines,
      int iteration) {
    /** Validates and copies. */
    public Failure {
      Objects.requireNonNull(test, "test");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(location, "location");
      loomLines = List.copyOf(loomLines);
    }
  }

  /** Reads the output of a loom test run. */
  public static LoomReport parse(String output) {
    List<Failure> failures = new ArrayList<>();
    for (LibtestReport.Run run : LibtestReport.parse(Text.stripAnsi(output)).runs()) {
      for (Map.Entry<String, String> f : run.failures().entrySet()) {
        failures.add(failure(run.binary().qualify(f.getKey()), Text.lines(f.getValue())));
      }
    }
    return new LoomReport(failures);
  }

  private static Failure failure(String test, List<String> lines) {
    String location = "";
    List<String> message = new ArrayList<>();
    List<String> loom = new ArrayList<>();
    int iteration = 0;
    boolean inMessage = false;
    for (String line : lines) {
      Matcher it = ITERATION.matcher(line);
      while (it.find()) {
        for (int g = 1; g <= 3; g++) {
          if (it.group(g) != null) {
            iteration = Math.max(iteration, Integer.parseInt(it.group(g)));
          }
        }
      }
      Matcher panicked = PANICKED.matcher(line);
      if (panicked.matches() && location.isEmpty()) {
        location = panicked.group(1);
        inMessage = true;
        continue;
      }
      if (inMessage) {
        if (line.isBlank() && !message.isEmpty()) {
          inMessage = false;
        } else if (!line.isBlank()) {
          message.add(line);
        }
      }
      if (LOOM_LINE.matcher(line).matches() && loom.size() < MAX_LOOM_LINES) {
        loom.add(line.strip());
      }
    }
    return new Failure(test, String.join("\n", message), location, loom, iteration);
  }

  /** A short account for a model: each failing test with its message and loom's lines. */
  public String summary() {
    if (failures.isEmpty()) {
      return "loom found no failing interleaving.";
    }
    StringBuilder out = new StringBuilder();
    for (Failure f : failures) {
      out.append(out.length() == 0 ? "" : "\n").append("FAILED ").append(f.test())
          .append(f.iteration() == 0 ? "" : " (loom iteration " + f.iteration() + ")");
      if (!f.location().isEmpty()) {
        out.append("\n  panicked at ").append(f.location());
      }
      Text.lines(f.message()).forEach(l -> out.append("\n  ").append(l));
      f.loomLines().stream().filter(l -> !f.message().contains(l))
          .forEach(l -> out.append("\n  ").append(l));
    }
    return out.toString();
  }
}
