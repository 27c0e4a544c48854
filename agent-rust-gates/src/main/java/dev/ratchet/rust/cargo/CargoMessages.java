package dev.ratchet.rust.cargo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.gate.Diagnostic;
import dev.ratchet.gate.Suggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads the stdout of {@code cargo build|check|clippy|test --message-format=json}: one JSON object
 * a line, with whatever else a proc macro or build script printed mixed in.
 *
 * <p>Trusts: the JSON shape rustc documents ({@code reason}, {@code message.level}, {@code spans},
 * {@code children}); the <em>last</em> {@code build-finished} line, since cargo prints its own
 * after everything it ran. Does not trust: any other line (skipped and counted), a primary span's
 * path (made relative to the workspace when inside it, otherwise kept as printed and reported as
 * outside by {@link #isInWorkspace}), or suggestion spans (a suggestion for a file outside the
 * workspace keeps its absolute path: whoever applies it must check). Never throws on bad input.
 */
public final class CargoMessages {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** rustc's closing counts, which cargo usually drops but older cargos and clippy-driver print. */
  private static final Pattern SUMMARY = Pattern.compile(
      "aborting due to .*|\\d+ warnings? emitted.*|.* generated \\d+ warnings?.*");
  private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("[A-Za-z]:[\\\\/].*");
  private static final int MAX_EXPANSION_DEPTH = 32;

  private CargoMessages() {}

  /**
   * Parses cargo's JSON message stream.
   *
   * @param stdout cargo's standard output
   * @param workspaceRoot the workspace root as cargo saw it (the container path, such as {@code
   *     /work}); paths under it become relative
   */
  public static CargoBuild parse(String stdout, String workspaceRoot) {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(workspaceRoot, "workspaceRoot");
    Map<DiagnosticKey, Diagnostic> unique = new LinkedHashMap<>();
    CargoBuild.Finished finished = CargoBuild.Finished.NOT_REPORTED;
    int unreadable = 0;
    for (String line : Text.lines(stdout)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      JsonNode node = readObject(trimmed);
      if (node == null || !node.path("reason").isTextual()) {
        unreadable++;
        continue;
      }
      switch (node.get("reason").asText()) {
        case "compiler-message" -> {
          Diagnostic d = diagnostic(node.path("message"), workspaceRoot);
          if (d != null) {
            unique.putIfAbsent(DiagnosticKey.of(d), d);
          }
        }
        case "build-finished" -> finished = node.path("success").asBoolean(false)
            ? CargoBuild.Finished.SUCCEEDED : CargoBuild.Finished.FAILED;
        default -> {
          // compiler-artifact, build-script-executed, timing-info: nothing to judge.
        }
      }
    }
    return new CargoBuild(List.copyOf(unique.values()), finished, unreadable);
  }

  /**
   * Whether a diagnostic points into the workspace: it has a file, and the file is relative and
   * does not climb out with {@code ..}. The standard library, registry crates and path
   * dependencies outside the tree are not in the workspace.
   */
  public static boolean isInWorkspace(Diagnostic diagnostic) {
    return isLocalPath(diagnostic.file());
  }

  static boolean isLocalPath(String file) {
    return !file.isEmpty() && !file.startsWith("/") && !file.startsWith("\\")
        && !file.startsWith("<") && !file.equals("..") && !file.startsWith("../")
        && !WINDOWS_ABSOLUTE.matcher(file).matches();
  }

  /** A path as the workspace sees it: the root prefix and any leading {@code ./} removed. */
  public static String relativise(String file, String workspaceRoot) {
    String root = workspaceRoot.endsWith("/") ? workspaceRoot : workspaceRoot + "/";
    String f = !workspaceRoot.isEmpty() && file.startsWith(root)
        ? file.substring(root.length()) : file;
    while (f.startsWith("./")) {
      f = f.substring(2);
    }
    return f;
  }

  private static JsonNode readObject(String line) {
    if (!line.startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static Diagnostic diagnostic(JsonNode message, String root) {
    Diagnostic.Level level = level(message.path("level").asText(""));
    String text = message.path("message").asText("");
    JsonNode spans = message.path("spans");
    if (level == null || (spans.isEmpty() && SUMMARY.matcher(text).matches())) {
      return null;
    }
    String code = message.path("code").path("code").asText("");
    JsonNode span = primarySpan(spans, root);
    String file = span == null ? "" : relativise(span.path("file_name").asText(""), root);
    int line = span == null ? 0 : Math.max(0, span.path("line_start").asInt(0));
    int column = span == null ? 0 : Math.max(0, span.path("column_start").asInt(0));
    String rendered = message.path("rendered").asText("");
    return new Diagnostic(level, code, text, file, line, column, rendered,
        suggestions(message, root));
  }

  private static Diagnostic.Level level(String level) {
    return switch (level) {
      case "error" -> Diagnostic.Level.ERROR;
      case "warning" -> Diagnostic.Level.WARNING;
      case "note" -> Diagnostic.Level.NOTE;
      case "help" -> Diagnostic.Level.HELP;
      // "error: internal compiler error" counts as an error; "failure-note" is rustc chatter.
      default -> level.startsWith("error") ? Diagnostic.Level.ERROR : null;
    };
  }

  /**
   * The span marked primary (else the first); when it lies outside the workspace inside a macro
   * expansion, the first call site inside the workspace instead.
   */
  private static JsonNode primarySpan(JsonNode spans, String root) {
    JsonNode primary = null;
    for (JsonNode s : spans) {
      if (s.path("is_primary").asBoolean(false)) {
        primary = s;
        break;
      }
    }
    if (primary == null) {
      primary = spans.isEmpty() ? null : spans.get(0);
    }
    JsonNode at = primary;
    for (int depth = 0; at != null && depth < MAX_EXPANSION_DEPTH; depth++) {
      if (isLocalPath(relativise(at.path("file_name").asText(""), root))) {
        return at;
      }
      JsonNode caller = at.path("expansion").path("span");
      at = caller.isObject() ? caller : null;
    }
    return primary;
  }

  /**
   * The fix rustc proposes first: the spans with a replacement of the first child that has any
   * (later children are alternatives, not further parts), or of the message itself. Of spans with
   * the same range only the first is kept, as those are alternatives too.
   */
  private static List<Suggestion> suggestions(JsonNode message, String root) {
    for (JsonNode child : message.path("children")) {
      List<Suggestion> found = replacements(child.path("spans"), root);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return replacements(message.path("spans"), root);
  }

  private static List<Suggestion> replacements(JsonNode spans, String root) {
    List<Suggestion> out = new ArrayList<>();
    for (JsonNode s : spans) {
      JsonNode replacement = s.path("suggested_replacement");
      if (!replacement.isTextual()) {
        continue;
      }
      int startLine = s.path("line_start").asInt(0);
      int startColumn = s.path("column_start").asInt(0);
      int endLine = s.path("line_end").asInt(0);
      int endColumn = s.path("column_end").asInt(0);
      boolean valid = startLine >= 1 && startColumn >= 1 && endLine >= startLine
          && (endLine > startLine || endColumn >= startColumn);
      boolean sameRange = out.stream().anyMatch(o -> o.startLine() == startLine
          && o.startColumn() == startColumn && o.endLine() == endLine
          && o.endColumn() == endColumn);
      if (valid && !sameRange) {
        out.add(new Suggestion(relativise(s.path("file_name").asText(""), root), startLine,
            startColumn, endLine, endColumn, replacement.asText(),
            applicability(s.path("suggestion_applicability").asText(""))));
      }
    }
    return out;
  }

  private static Suggestion.Applicability applicability(String value) {
    return switch (value) {
      case "MachineApplicable" -> Suggestion.Applicability.MACHINE_APPLICABLE;
      case "MaybeIncorrect" -> Suggestion.Applicability.MAYBE_INCORRECT;
      case "HasPlaceholders" -> Suggestion.Applicability.HAS_PLACEHOLDERS;
      default -> Suggestion.Applicability.UNSPECIFIED;
    };
  }
}
