package dev.ratchet.engine;

import dev.ratchet.gate.GateResult;
import dev.ratchet.loop.ActionOutcome;
import dev.ratchet.loop.Iteration;
import dev.ratchet.loop.LoopState;
import dev.ratchet.policy.Decision;
import java.util.List;

/** The engine's default rendering of the last iteration for the model. */
final class Feedback {
  private static final int GATE_BUDGET = 4000;

  private Feedback() {}

  static String render(LoopState state) {
    StringBuilder sb = new StringBuilder();
    if (state.iterations().isEmpty()) {
      appendGates(sb, "Gate results on the current code", state.baseline());
      return sb.toString().strip();
    }
    Iteration last = state.current().orElseThrow();
    Decision decision = state.decisions().get(state.decisions().size() - 1);
    sb.append("Iteration ").append(last.index()).append(":\n");
    if (last.reply().actions().isEmpty()) {
      sb.append("- Your reply contained no edit and no tool call. Reply with a unified diff,"
          + " search/replace blocks, or a tool call.\n");
    }
    if (last.reply().finishReason() == dev.ratchet.model.ModelReply.FinishReason.LENGTH) {
      sb.append("- Your reply was cut off at the output token limit, so its edits were not"
          + " applied. Send a smaller edit.\n");
    }
    for (ActionOutcome o : last.outcomes()) {
      sb.append("- ").append(o.status().name().toLowerCase(java.util.Locale.ROOT)).append(": ")
          .append(o.feedback().strip()).append('\n');
    }
    if (decision instanceof Decision.RollbackAndContinue r) {
      sb.append("- Rolled back: ").append(r.reason()).append('\n');
    }
    List<GateResult> gates = last.changedTree() ? last.gates() : LoopHistory.keptGates(state);
    appendGates(sb, last.changedTree() ? "Gate results after your change"
        : "Gate results on the current code", gates);
    return sb.toString().strip();
  }

  private static void appendGates(StringBuilder sb, String title, List<GateResult> gates) {
    if (gates.isEmpty()) {
      return;
    }
    sb.append(title).append(":\n");
    int budget = GATE_BUDGET;
    for (GateResult g : gates) {
      sb.append("- ").append(g.gate()).append(": ").append(g.status()).append('\n');
      if (g.status().blocks() && !g.summary().isBlank()) {
        String summary = g.summary().strip();
        if (summary.length() > budget) {
          summary = summary.substring(0, Math.max(0, budget)) + "\n[... cut]";
        }
        budget -= summary.length();
        sb.append(summary.indent(2));
      }
    }
  }
}
