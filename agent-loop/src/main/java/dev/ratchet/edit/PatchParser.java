package dev.ratchet.edit;

import static dev.ratchet.workspace.ApplyResult.Reason.EMPTY;
import static dev.ratchet.workspace.ApplyResult.Reason.MALFORMED;

import dev.ratchet.edit.FilePatch.Hunk;
import dev.ratchet.edit.FilePatch.Kind;
import dev.ratchet.edit.FilePatch.Line;
import dev.ratchet.edit.FilePatch.Op;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads what models write into {@link FilePatch}es: git and plain unified diffs (with wrong or
 * missing line numbers and counts), markdown fences with prose around them, search/replace blocks
 * and whole-file writes.
 */
final class PatchParser {
  private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})\\s*([\\w+.-]*)\\s*$");
  private static final Pattern HUNK_HEADER =
      Pattern.compile("^@@+ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@+.*$");
  private static final Pattern SEARCH = Pattern.compile("^\\s*<{5,9} ?SEARCH\\s*$");
  private static final Pattern DIVIDER = Pattern.compile("^\\s*={5,9}\\s*$");
  private static final Pattern REPLACE = Pattern.compile("^\\s*>{5,9} ?REPLACE\\s*$");
  private static final Pattern PATH_LIKE =
      Pattern.compile("^[^\\s`*:<>|\"]*[/.][^\\s`*:<>|\"]*$");

  private PatchParser() {}

  /** Parses an edit text; throws {@link EditRejection} when nothing usable is in it. */
  static List<FilePatch> parse(String text) {
    if (text.isBlank()) {
      throw new EditRejection(EMPTY, "The edit is empty: send a unified diff, search/replace"
          + " blocks, or a whole file under its path.");
    }
    List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    List<FilePatch> patches = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        outside.add(lines.get(i));
        i++;
        continue;
      }
      String marker = open.group(1);
      int end = i + 1;
      while (end < lines.size() && !isClosingFence(lines.get(end), marker)) {
        end++;
      }
      String label = nearestNonBlank(outside);
      parseRegion(outside, "", patches, false);
      outside.clear();
      List<String> body = lines.subList(i + 1, Math.min(end, lines.size()));
      if (!parseRegion(body, label, patches, true) && isPath(label) && !body.isEmpty()) {
        patches.add(FilePatch.write(unwrapPath(label), String.join("\n", body) + "\n"));
      }
      i = end + 1;
    }
    parseRegion(outside, "", patches, false);
    if (patches.isEmpty()) {
      throw new EditRejection(EMPTY, "No change found in the edit: send a unified diff (---/+++"
          + " headers and @@ hunks), search/replace blocks (path line, <<<<<<< SEARCH, =======,"
          + " >>>>>>> REPLACE), or a path line followed by a fenced whole file.");
    }
    return patches;
  }

  private static boolean isClosingFence(String line, String marker) {
    String t = line.strip();
    return t.startsWith(marker) && t.chars().allMatch(c -> c == marker.charAt(0));
  }

  /** Parses diffs or search/replace blocks in a region; returns whether it found any. */
  private static boolean parseRegion(
      List<String> region, String label, List<FilePatch> out, boolean fenced) {
    if (region.isEmpty()) {
      return false;
    }
    if (region.stream().anyMatch(l -> SEARCH.matcher(l).matches())) {
      out.addAll(SearchReplaceParser.parse(region, label));
      return true;
    }
    if (!looksLikeDiff(region)) {
      return false;
    }
    int before = out.size();
    new DiffReader(region).read(out);
    return out.size() > before || fenced;
  }

  private static boolean looksLikeDiff(List<String> region) {
    for (int i = 0; i < region.size(); i++) {
      String l = region.get(i);
      if (l.startsWith("diff --git ") || l.startsWith("@@")) {
        return true;
      }
      if (l.startsWith("--- ") && i + 1 < region.size() && region.get(i + 1).startsWith("+++ ")) {
        return true;
      }
    }
    return false;
  }

  static String nearestNonBlank(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).strip();
      }
    }
    return "";
  }

  /** Strips the decorations models put around a path line: backticks, bold, a trailing colon. */
  static String unwrapPath(String line) {
    String s = line.strip();
    if (s.endsWith(":")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    while (s.length() >= 2
        && ((s.startsWith("`") && s.endsWith("`")) || (s.startsWith("**") && s.endsWith("**")))) {
      s = s.startsWith("**") ? s.substring(2, s.length() - 2) : s.substring(1, s.length() - 1);
      s = s.strip();
    }
    if (s.endsWith(":")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  static boolean isPath(String line) {
    String p = unwrapPath(line);
    return !p.isEmpty() && PATH_LIKE.matcher(p).matches() && !p.endsWith(".");
  }

  /** Reads unified diffs (git or plain) out of a list of lines, skipping prose. */
  private static final class DiffReader {
    private final List<String> lines;
    private int pos;

    DiffReader(List<String> lines) {
      this.lines = lines;
    }

    void read(List<FilePatch> out) {
      FileHeader file = null;
      while (pos < lines.size()) {
        String line = lines.get(pos);
        if (line.startsWith("diff --git ")) {
          flush(file, out);
          file = readGitHeader();
        } else if (line.startsWith("--- ") && nextStartsWith("+++ ")) {
          flush(file, out);
          file = new FileHeader();
          readPlainHeader(file);
        } else if (line.startsWith("@@")) {
          if (file == null) {
            throw new EditRejection(MALFORMED, "A hunk (@@ line " + (pos + 1) + ") comes before"
                + " any file header: put '--- a/PATH' and '+++ b/PATH' lines before it.");
          }
          file.hunks.add(readHunk());
        } else {
          pos++;
        }
      }
      flush(file, out);
    }

    private boolean nextStartsWith(String prefix) {
      return pos + 1 < lines.size() && lines.get(pos + 1).startsWith(prefix);
    }

    private FileHeader readGitHeader() {
      FileHeader h = new FileHeader();
      h.git = true;
      String[] paths = splitGitPaths(lines.get(pos).substring("diff --git ".length()));
      h.oldPath = paths[0];
      h.newPath = paths[1];
      pos++;
      while (pos < lines.size()) {
        String l = lines.get(pos);
        if (l.startsWith("--- ") && nextStartsWith("+++ ")) {
          readPlainHeader(h);
          return h;
        } else if (l.startsWith("new file mode ")) {
          h.op = Op.CREATE;
          h.newMode = l.substring(14).strip();
        } else if (l.startsWith("deleted file mode ")) {
          h.op = Op.DELETE;
          h.oldMode = l.substring(18).strip();
        } else if (l.startsWith("old mode ")) {
          h.oldMode = l.substring(9).strip();
        } else if (l.startsWith("new mode ")) {
          h.newMode = l.substring(9).strip();
        } else if (l.startsWith("rename from ")) {
          h.op = Op.RENAME;
          h.oldPath = unquote(l.substring(12));
        } else if (l.startsWith("rename to ")) {
          h.op = Op.RENAME;
          h.newPath = unquote(l.substring(10));
        } else if (l.startsWith("copy from ")) {
          h.op = Op.COPY;
          h.oldPath = unquote(l.substring(10));
        } else if (l.startsWith("copy to ")) {
          h.op = Op.COPY;
          h.newPath = unquote(l.substring(8));
        } else if (l.startsWith("index ")) {
          String[] parts = l.strip().split(" ");
          if (parts.length == 3 && h.newMode.isEmpty() && h.oldMode.isEmpty()) {
            h.indexMode = parts[2];
          }
        } else if (l.startsWith("Binary files ")) {
          h.binary = true;
        } else if (l.startsWith("GIT binary patch")) {
          h.binary = true;
          pos++;
          h.binaryData = readBinaryLiteral();
          continue;
        } else if (!(l.startsWith("similarity index") || l.startsWith("dissimilarity index"))) {
          return h;
        }
        pos++;
      }
      return h;
    }

    private void readPlainHeader(FileHeader h) {
      String oldRaw = headerPath(lines.get(pos).substring(4));
      String newRaw = headerPath(lines.get(pos + 1).substring(4));
      pos += 2;
      boolean oldNull = oldRaw.equals("/dev/null");
      boolean newNull = newRaw.equals("/dev/null");
      boolean strip =
          h.git
              || (oldRaw.startsWith("a/") || oldNull) && (newRaw.startsWith("b/") || newNull)
                  && !(oldNull && newNull);
      if (oldNull) {
        h.op = Op.CREATE;
      } else {
        h.oldPath = strip && oldRaw.startsWith("a/") ? oldRaw.substring(2) : oldRaw;
      }
      if (newNull) {
        h.op = Op.DELETE;
      } else {
        h.newPath = strip && newRaw.startsWith("b/") ? newRaw.substring(2) : newRaw;
      }
      if (oldNull) {
        h.oldPath = h.newPath;
      }
      if (newNull) {
        h.newPath = h.oldPath;
      }
    }

    /** A stated line number; one too large to be real counts as not stated (0). */
    private static int statedLine(String digits) {
      return digits.length() > 9 ? 0 : Integer.parseInt(digits);
    }

    private Hunk readHunk() {
      Matcher m = HUNK_HEADER.matcher(lines.get(pos));
      int stated = m.matches() ? statedLine(m.group(1)) : 0;
      if (m.matches() && stated == 0) {
        stated = 1; // "-0,0": insertion at the top of an empty file
      }
      pos++;
      List<Line> body = new ArrayList<>();
      boolean oldNoEol = false;
      boolean newNoEol = false;
      while (pos < lines.size()) {
        String l = lines.get(pos);
        if (l.startsWith("@@") || l.startsWith("diff --git ")
            || (l.startsWith("--- ") && nextStartsWith("+++ "))) {
          break;
        }
        if (l.isEmpty()) {
          body.add(new Line(Kind.CONTEXT, ""));
        } else if (l.charAt(0) == ' ') {
          body.add(new Line(Kind.CONTEXT, l.substring(1)));
        } else if (l.charAt(0) == '+') {
          body.add(new Line(Kind.ADD, l.substring(1)));
        } else if (l.charAt(0) == '-') {
          body.add(new Line(Kind.REMOVE, l.substring(1)));
        } else if (l.charAt(0) == '\\') {
          if (!body.isEmpty()) {
            Kind last = body.get(body.size() - 1).kind();
            oldNoEol |= last != Kind.ADD;
            newNoEol |= last != Kind.REMOVE;
          }
        } else {
          break;
        }
        pos++;
      }
      int end = body.size();
      while (end > 0 && body.get(end - 1).kind() == Kind.CONTEXT
          && body.get(end - 1).text().isEmpty() && isBareEmpty(end - 1, body)) {
        end--;
      }
      return new Hunk(stated, body.subList(0, end), oldNoEol, newNoEol);
    }

    /** Whether the trailing empty context line was written as a bare empty line. */
    private boolean isBareEmpty(int index, List<Line> body) {
      int linePos = pos - (body.size() - index);
      return linePos >= 0 && linePos < lines.size() && lines.get(linePos).isEmpty();
    }

    private byte[] readBinaryLiteral() {
      if (pos >= lines.size()) {
        return new byte[0];
      }
      String header = lines.get(pos);
      boolean literal = header.startsWith("literal ");
      int size = 0;
      try {
        size = Integer.parseInt(header.substring(header.indexOf(' ') + 1).strip());
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        literal = false;
      }
      pos++;
      ByteArrayOutputStream deflated = new ByteArrayOutputStream();
      while (pos < lines.size() && !lines.get(pos).isEmpty()) {
        deflated.writeBytes(Base85.decodeLine(lines.get(pos)));
        pos++;
      }
      // skip the reverse section, if any
      while (pos < lines.size() && lines.get(pos).isEmpty()) {
        pos++;
      }
      if (pos < lines.size()
          && (lines.get(pos).startsWith("literal ") || lines.get(pos).startsWith("delta "))) {
        pos++;
        while (pos < lines.size() && !lines.get(pos).isEmpty()) {
          pos++;
        }
      }
      if (!literal) {
        return new byte[0];
      }
      return inflate(deflated.toByteArray(), size);
    }

    private static byte[] inflate(byte[] data, int size) {
      Inflater inflater = new Inflater();
      try {
        inflater.setInput(data);
        byte[] out = new byte[size];
        int n = 0;
        while (n < size && !inflater.finished()) {
          int r = inflater.inflate(out, n, size - n);
          if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            break;
          }
          n += r;
        }
        if (n != size) {
          throw new EditRejection(MALFORMED, "The binary patch data is truncated: expected "
              + size + " bytes, decoded " + n + ".");
        }
        return out;
      } catch (DataFormatException e) {
        throw new EditRejection(MALFORMED, "The binary patch data is corrupt: " + e.getMessage());
      } finally {
        inflater.end();
      }
    }

    private void flush(FileHeader h, List<FilePatch> out) {
      if (h == null) {
        return;
      }
      if (h.oldPath.isEmpty() && h.newPath.isEmpty()) {
        throw new EditRejection(MALFORMED, "A diff header names no file: use"
            + " 'diff --git a/PATH b/PATH' or '--- a/PATH' and '+++ b/PATH'.");
      }
      Op op = h.op;
      if (op == Op.MODIFY && !h.oldPath.equals(h.newPath) && h.git) {
        op = Op.RENAME;
      }
      String newMode = h.newMode.isEmpty() ? h.indexMode : h.newMode;
      out.add(new FilePatch(op, h.oldPath, h.newPath, h.hunks, h.oldMode, newMode, "", h.binary,
          h.binaryData));
    }
  }

  /** What a diff header said about one file. */
  private static final class FileHeader {
    boolean git;
    Op op = Op.MODIFY;
    String oldPath = "";
    String newPath = "";
    String oldMode = "";
    String newMode = "";
    String indexMode = "";
    boolean binary;
    byte[] binaryData = new byte[0];
    final List<Hunk> hunks = new ArrayList<>();
  }

  /** The path on a ---/+++ line: unquoted, without a trailing timestamp. */
  static String headerPath(String raw) {
    String s = raw;
    int tab = s.indexOf('\t');
    if (tab >= 0) {
      s = s.substring(0, tab);
    }
    s = s.stripTrailing();
    return unquote(s);
  }

  /** Splits the two paths of a {@code diff --git} line. */
  static String[] splitGitPaths(String rest) {
    String s = rest.strip();
    if (s.startsWith("\"")) {
      int end = closingQuote(s);
      String a = unquote(s.substring(0, end + 1));
      String b = unquote(s.substring(end + 1).strip());
      return new String[] {stripPrefix(a, "a/"), stripPrefix(b, "b/")};
    }
    int mid = s.indexOf(" b/");
    if (s.startsWith("a/") && mid > 0) {
      // with equal names on both sides, the split is in the middle
      int half = (s.length() - 1) / 2;
      if (s.length() % 2 == 1 && s.charAt(half) == ' '
          && s.substring(2, half).equals(s.substring(half + 3))) {
        mid = half;
      }
      return new String[] {s.substring(2, mid), unquote(s.substring(mid + 3))};
    }
    String[] parts = s.split(" ", 2);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isBlank()) {
      throw new EditRejection(MALFORMED, "The header 'diff --git " + rest + "' does not name two"
          + " paths: write 'diff --git a/PATH b/PATH'.");
    }
    return new String[] {parts[0], parts[1].strip()};
  }

  private static int closingQuote(String s) {
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
      } else if (s.charAt(i) == '"') {
        return i;
      }
    }
    return s.length() - 1;
  }

  private static String stripPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  /** Removes git's C-style quoting ({@code "a\tb"}); leaves unquoted text alone. */
  static String unquote(String s) {
    String t = s.strip();
    if (t.length() < 2 || !t.startsWith("\"") || !t.endsWith("\"")) {
      return t;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1; i < t.length() - 1; i++) {
      char c = t.charAt(i);
      if (c != '\\' || i + 1 >= t.length() - 1) {
        out.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        continue;
      }
      char e = t.charAt(++i);
      switch (e) {
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case 'r' -> out.write('\r');
        case '0', '1', '2', '3' -> {
          int v = e - '0';
          for (int k = 0; k < 2 && i + 1 < t.length() - 1 && Character.isDigit(t.charAt(i + 1));
              k++) {
            v = v * 8 + (t.charAt(++i) - '0');
          }
          out.write(v);
        }
        default -> out.write(e);
      }
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Reads aider-style search/replace blocks. */
  private static final class SearchReplaceParser {
    static List<FilePatch> parse(List<String> region, String label) {
      List<FilePatch> out = new ArrayList<>();
      List<String> before = new ArrayList<>();
      int i = 0;
      while (i < region.size()) {
        if (!SEARCH.matcher(region.get(i)).matches()) {
          before.add(region.get(i));
          i++;
          continue;
        }
        String pathLine = nearestNonBlank(before);
        if (pathLine.isEmpty() || FENCE.matcher(pathLine).matches()) {
          pathLine = label;
        }
        int blockLine = i + 1;
        if (!isPath(pathLine)) {
          throw new EditRejection(MALFORMED, "The search/replace block at line " + blockLine
              + " has no file path: put the path alone on the line before <<<<<<< SEARCH.");
        }
        int divider = indexOf(region, DIVIDER, i + 1);
        int end = divider < 0 ? -1 : indexOf(region, REPLACE, divider + 1);
        if (divider < 0 || end < 0) {
          throw new EditRejection(MALFORMED, "The search/replace block at line " + blockLine
              + " is not closed: it needs a ======= line and a >>>>>>> REPLACE line.");
        }
        String path = unwrapPath(pathLine);
        List<String> search = region.subList(i + 1, divider);
        List<String> replace = region.subList(divider + 1, end);
        out.add(search.stream().allMatch(String::isEmpty) && !search.isEmpty() || search.isEmpty()
            ? FilePatch.create(path, replace.isEmpty() ? "" : String.join("\n", replace) + "\n")
            : FilePatch.modify(path, List.of(toHunk(search, replace))));
        before.clear();
        i = end + 1;
      }
      return out;
    }

    private static int indexOf(List<String> region, Pattern p, int from) {
      for (int k = from; k < region.size(); k++) {
        if (p.matcher(region.get(k)).matches()) {
          return k;
        }
      }
      return -1;
    }
  }

  /**
   * Turns a search/replace pair into a hunk; the lines both sides share at the start and end
   * become context, so they keep the file's own text when matched leniently.
   */
  static Hunk toHunk(List<String> search, List<String> replace) {
    int prefix = 0;
    while (prefix < search.size() && prefix < replace.size()
        && search.get(prefix).equals(replace.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < search.size() - prefix && suffix < replace.size() - prefix
        && search.get(search.size() - 1 - suffix).equals(replace.get(replace.size() - 1 - suffix))) {
      suffix++;
    }
    List<Line> lines = new ArrayList<>();
    for (int k = 0; k < prefix; k++) {
      lines.add(new Line(Kind.CONTEXT, search.get(k)));
    }
    for (int k = prefix; k < search.size() - suffix; k++) {
      lines.add(new Line(Kind.REMOVE, search.get(k)));
    }
    for (int k = prefix; k < replace.size() - suffix; k++) {
      lines.add(new Line(Kind.ADD, replace.get(k)));
    }
    for (int k = search.size() - suffix; k < search.size(); k++) {
      lines.add(new Line(Kind.CONTEXT, search.get(k)));
    }
    return new Hunk(0, lines, false, false);
  }
}
