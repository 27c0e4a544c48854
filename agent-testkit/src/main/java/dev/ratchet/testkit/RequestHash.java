package dev.ratchet.testkit;

import dev.ratchet.action.Action;
import dev.ratchet.gate.GateResult;
import dev.ratchet.loop.ActionOutcome;
import dev.ratchet.loop.Iteration;
import dev.ratchet.model.Attachment;
import dev.ratchet.model.ModelRequest;
import dev.ratchet.model.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The normalised hash of a {@link ModelRequest} that keys a cassette: equal for requests that say
 * the same thing, on any run and any platform.
 *
 * <p>The {@linkplain #canonical canonical rendering} holds the iteration number, the task's id and
 * prompt, the instructions, the feedback, the tool names, the attachments' names and sizes, and for
 * each earlier iteration its reply text, its actions, each action's status and feedback, and each
 * gate's name, status and summary. It leaves out what changes from run to run by design: durations,
 * checkpoint ids, token usage and reply metadata (tool call ids). Every text is normalised: CRLF
 * becomes LF, each line loses its trailing whitespace, and trailing blank lines are dropped. Text
 * is otherwise hashed verbatim, so a feedback or gate summary that quotes a timing ("finished in
 * 0.42s") drifts; scrub such text before it reaches the request.
 */
public final class RequestHash {

  /** The first line of every rendering; bumped whenever the rendering changes. */
  private static final String VERSION = "ratchet-request-hash v1";

  private RequestHash() {}

  /** Returns the SHA-256 of the request's canonical rendering, as 64 lowercase hex digits. */
  public static String of(ModelRequest request) {
    byte[] bytes = canonical(request).getBytes(StandardCharsets.UTF_8);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256; every Java SE JVM must have it", e);
    }
  }

  /**
   * Returns the canonical rendering that {@link #of} hashes: line-oriented text, meant to be diffed
   * when a cassette no longer matches.
   */
  public static String canonical(ModelRequest request) {
    Objects.requireNonNull(request, "request");
    StringBuilder out = new StringBuilder();
    out.append(VERSION).append('\n');
    out.append("iteration: ").append(request.iteration()).append('\n');
    out.append("task.id: ").append(oneLine(request.task().id())).append('\n');
    block(out, "", "task.prompt", request.task().prompt());
    block(out, "", "instructions", request.instructions());
    block(out, "", "feedback", request.feedback());
    List<String> tools = new ArrayList<>();
    for (ToolSpec tool : request.tools()) {
      tools.add(tool.name());
    }
    out.append("tools: ").append(String.join(", ", tools)).append('\n');
    out.append("attachments: ").append(request.attachments().size()).append('\n');
    for (Attachment attachment : request.attachments()) {
      out.append("- ")
          .append(oneLine(attachment.name()))
          .append(" (")
          .append(attachment.data().length)
          .append(" bytes)\n");
    }
    out.append("history: ").append(request.history().size()).append('\n');
    for (Iteration iteration : request.history()) {
      renderIteration(out, iteration);
    }
    return out.toString();
  }

  private static void renderIteration(StringBuilder out, Iteration iteration) {
    out.append("iteration ").append(iteration.index()).append(":\n");
    block(out, "  ", "reply.text", iteration.reply().text());
    List<Action> actions = iteration.reply().actions();
    for (int i = 0; i < actions.size(); i++) {
      block(out, "  ", "action " + (i + 1), actions.get(i).toString());
    }
    List<ActionOutcome> outcomes = iteration.outcomes();
    for (int i = 0; i < outcomes.size(); i++) {
      ActionOutcome outcome = outcomes.get(i);
      block(out, "  ", "outcome " + (i + 1) + " " + outcome.status(), outcome.feedback());
    }
    for (GateResult gate : iteration.gates()) {
      block(out, "  ", "gate " + oneLine(gate.gate()) + " " + gate.status(), gate.summary());
    }
  }

  /** Appends {@code label:} and then each normalised line of the text, quoted with {@code |}. */
  private static void block(StringBuilder out, String indent, String label, String text) {
    out.append(indent).append(label).append(":\n");
    for (String line : normalisedLines(text)) {
      out.append(indent).append('|');
      if (!line.isEmpty()) {
        out.append(' ').append(line);
      }
      out.append('\n');
    }
  }

  private static List<String> normalisedLines(String text) {
    String[] raw = text.replace("\r\n", "\n").split("\n", -1);
    List<String> lines = new ArrayList<>(raw.length);
    for (String line : raw) {
      lines.add(line.stripTrailing());
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** A single-line field, with line breaks made visible so that it cannot forge a label. */
  private static String oneLine(String text) {
    return text.replace("\r\n", "\n").strip().replace("\r", "\\r").replace("\n", "\\n");
  }
}
