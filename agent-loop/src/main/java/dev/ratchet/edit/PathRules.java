package dev.ratchet.edit;

import static dev.ratchet.workspace.ApplyResult.Reason.PROTECTED_PATH;
import static dev.ratchet.workspace.ApplyResult.Reason.UNSAFE_PATH;

import java.util.ArrayList;
import java.util.List;

/** Turns a path a model wrote into a safe relative path, or refuses it. */
final class PathRules {
  private PathRules() {}

  /** Normalises a relative path ({@code ./a//b} → {@code a/b}); refuses anything unsafe. */
  static String normalize(String raw) {
    if (raw.isEmpty()) {
      throw new EditRejection(UNSAFE_PATH, "An edit names an empty path.");
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new EditRejection(UNSAFE_PATH, "The path '" + printable(raw) + "' contains a"
            + " control character; use a plain relative path.", printable(raw));
      }
    }
    if (raw.indexOf('\\') >= 0) {
      throw new EditRejection(UNSAFE_PATH, "The path '" + raw + "' contains a backslash; use '/'"
          + " between the parts of a relative path.", raw);
    }
    if (raw.startsWith("/") || raw.matches("^[A-Za-z]:.*")) {
      throw new EditRejection(UNSAFE_PATH, "The path '" + raw + "' is absolute; paths must be"
          + " relative to the repository root.", raw);
    }
    List<String> parts = new ArrayList<>();
    for (String segment : raw.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new EditRejection(UNSAFE_PATH, "The path '" + raw + "' contains '..'; edits stay"
            + " inside the repository, so name the file relative to its root.", raw);
      }
      if (parts.isEmpty() && segment.startsWith("~")) {
        throw new EditRejection(UNSAFE_PATH, "The path '" + raw + "' starts with '~'; edits stay"
            + " inside the repository.", raw);
      }
      parts.add(segment);
    }
    if (parts.isEmpty()) {
      throw new EditRejection(UNSAFE_PATH, "The path '" + raw + "' names no file.", raw);
    }
    return String.join("/", parts);
  }

  /** Normalises and refuses protected paths. */
  static String checked(String raw, EditGuard guard) {
    String path = normalize(raw);
    if (guard.isProtected(path)) {
      throw new EditRejection(PROTECTED_PATH, "The path '" + path + "' is protected (version"
          + " control or tool configuration that could change how results are produced);"
          + " leave it alone and change the code instead.", path);
    }
    return path;
  }

  private static String printable(String raw) {
    StringBuilder sb = new StringBuilder();
    for (char c : raw.toCharArray()) {
      sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return sb.toString();
  }
}
