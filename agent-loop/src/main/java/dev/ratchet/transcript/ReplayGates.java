package dev.ratchet.transcript;

import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gates that answer with the results a transcript recorded for each iteration, so a replay makes
 * the same decisions without Docker or cargo.
 */
public final class ReplayGates {
  private ReplayGates() {}

  /** One replaying gate per gate name the transcript recorded, in pipeline order. */
  public static List<Gate> of(TranscriptReader.Transcript transcript) {
    Map<Integer, List<GateResult>> results = transcript.gateResults();
    Set<String> names = new LinkedHashSet<>();
    results.values().forEach(rs -> rs.forEach(r -> names.add(r.gate())));
    List<Gate> gates = new ArrayList<>();
    for (String name : names) {
      gates.add(new Gate() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public GateResult run(GateContext context) {
          return results.getOrDefault(context.iteration(), List.of()).stream()
              .filter(r -> r.gate().equals(name))
              .findFirst()
              .orElse(GateResult.of(name, GateStatus.ERROR, "the transcript has no result of "
                  + name + " for iteration " + context.iteration()));
        }
      });
    }
    return gates;
  }
}
