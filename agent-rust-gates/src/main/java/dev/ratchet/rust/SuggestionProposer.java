package dev.ratchet.rust;

import dev.ratchet.RatchetException;
import dev.ratchet.action.Action;
import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.gate.Suggestion;
import dev.ratchet.model.ModelClient;
import dev.ratchet.model.ModelReply;
import dev.ratchet.model.ModelRequest;
import dev.ratchet.model.TokenUsage;
import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.workspace.Workspace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The embedded default "model": no LLM. It reads the compiler's and Clippy's diagnostics for the
 * current tree, turns the machine-applicable suggestions into edits, and says {@link Finish} when
 * none is left. With the loop around it this fixes what {@code cargo clippy --fix} fixes, but
 * gated, committed step by step, and rolled back when a step breaks a test.
 *
 * <p>A suggestion that was tried once is not proposed again (after a rollback the compiler would
 * offer it again), so the proposer always terminates.
 */
public final class SuggestionProposer implements ModelClient {

  /** How many diagnostics' suggestions go into one reply. */
  public enum Pace {
    /** One diagnostic's suggestions per iteration: each step is judged on its own. */
    ONE_AT_A_TIME,
    /** Every non-overlapping one at once: fewer iterations. */
    ALL_AT_ONCE
  }

  private final Gate diagnostics;
  private final Workspace workspace;
  private final Sandbox sandbox;
  private final Pace pace;
  private final Set<List<Suggestion>> tried = new HashSet<>();

  private SuggestionProposer(Gate diagnostics, Workspace workspace, Sandbox sandbox, Pace pace) {
    this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    this.workspace = Objects.requireNonNull(workspace, "workspace");
    this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    this.pace = Objects.requireNonNull(pace, "pace");
  }

  /**
   * A proposer that reads diagnostics with {@code diagnostics} (normally the pipeline's own
   * Clippy gate, whose result for the current tree is then already memoised) in the workspace.
   */
  public static SuggestionProposer create(Gate diagnostics, Workspace workspace, Sandbox sandbox,
      Pace pace) {
    return new SuggestionProposer(diagnostics, workspace, sandbox, pace);
  }

  @Override
  public String name() {
    return "suggestions";
  }

  @Override
  public ModelReply reply(ModelRequest request) {
    GateResult result = diagnostics.run(new GateContext(workspace, sandbox, request.iteration()));
    if (result.status() == GateStatus.ERROR || result.status() == GateStatus.UNAVAILABLE) {
      throw new RatchetException("the suggestion proposer could not read diagnostics: "
          + result.summary());
    }
    List<Diagnostic> fresh = new ArrayList<>();
    for (Diagnostic d : SuggestionEdits.applicable(result.diagnostics())) {
      if (!tried.contains(d.suggestions())) {
        fresh.add(d);
      }
    }
    if (fresh.isEmpty()) {
      return reply("No machine-applicable suggestion is left to try.",
          List.of(new Finish("applied every machine-applicable compiler suggestion")));
    }
    int max = pace == Pace.ONE_AT_A_TIME ? 1 : Integer.MAX_VALUE;
    SuggestionEdits.Plan plan;
    try {
      plan = SuggestionEdits.apply(fresh, max, workspace::read);
    } catch (IllegalArgumentException e) {
      // The files changed under the diagnostics; mark them tried and let the next round re-read.
      fresh.forEach(d -> tried.add(d.suggestions()));
      return reply("The diagnostics no longer match the files (" + e.getMessage() + ").",
          List.of());
    }
    List<Diagnostic> used = plan.chosen();
    if (used.isEmpty()) {
      fresh.forEach(d -> tried.add(d.suggestions()));
      return reply("The remaining suggestions name files outside the workspace.",
          List.of(new Finish("no applicable suggestion names a file in the workspace")));
    }
    used.forEach(d -> tried.add(d.suggestions()));
    Map<String, String> files = plan.files();
    List<Action> edits = new ArrayList<>();
    files.forEach((path, content) -> edits.add(Edit.writeFile(path, content)));
    String what = used.stream()
        .map(d -> d.location() + " " + (d.code().isEmpty() ? "" : d.code() + ": ") + d.message())
        .collect(Collectors.joining("\n"));
    return reply("Applying " + used.size() + " machine-applicable suggestion(s):\n" + what,
        edits);
  }

  private static ModelReply reply(String text, List<Action> actions) {
    return ModelReply.of(text, actions, TokenUsage.ZERO);
  }
}
