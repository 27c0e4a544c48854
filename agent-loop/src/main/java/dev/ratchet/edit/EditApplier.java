package dev.ratchet.edit;

import static dev.ratchet.workspace.ApplyResult.Reason.ALREADY_APPLIED;
import static dev.ratchet.workspace.ApplyResult.Reason.AMBIGUOUS;
import static dev.ratchet.workspace.ApplyResult.Reason.BINARY;
import static dev.ratchet.workspace.ApplyResult.Reason.EMPTY;
import static dev.ratchet.workspace.ApplyResult.Reason.FILE_EXISTS;
import static dev.ratchet.workspace.ApplyResult.Reason.FORBIDDEN_MODE;
import static dev.ratchet.workspace.ApplyResult.Reason.IO_ERROR;
import static dev.ratchet.workspace.ApplyResult.Reason.MISSING_FILE;
import static dev.ratchet.workspace.ApplyResult.Reason.NO_MATCH;
import static dev.ratchet.workspace.ApplyResult.Reason.TOO_LARGE;

import dev.ratchet.action.Edit;
import dev.ratchet.edit.FilePatch.Hunk;
import dev.ratchet.edit.FilePatch.Kind;
import dev.ratchet.edit.FilePatch.Line;
import dev.ratchet.edit.FilePatch.Op;
import dev.ratchet.workspace.ApplyResult;
import dev.ratchet.workspace.FileChange;
import dev.ratchet.workspace.HunkReport;
import dev.ratchet.workspace.MatchLevel;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies model-made edits to a directory tree: parse, guard, match, then write everything or
 * nothing.
 *
 * <p>All decisions are taken in memory before the first byte is written; a failure while writing
 * restores what was already written. A rejection says what failed in words a model can act on.
 */
public final class EditApplier {
  private final TreeFiles tree;
  private final EditGuard guard;

  private EditApplier(Path root, EditGuard guard) {
    this.tree = new TreeFiles(root);
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  /** An applier for the tree at {@code root} with the given guard. */
  public static EditApplier create(Path root, EditGuard guard) {
    return new EditApplier(root, guard);
  }

  /** The guard in force. */
  public EditGuard guard() {
    return guard;
  }

  /** Reads a regular file inside the tree; empty for anything else (missing, link, outside). */
  public Optional<String> read(String path) {
    try {
      String p = PathRules.normalize(path);
      return tree.read(p).map(b -> new String(b, StandardCharsets.UTF_8));
    } catch (EditRejection | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether free text holds an edit the patch parser recognises (a diff, search/replace blocks or
   * a whole-file write), well formed or not: true when applying {@code Edit.patch(text)} would
   * change files or be rejected for what the edit says; false for blank text and prose only. Reads
   * no files and applies no guard. Text the parser fails on in any other way (a parser bug) counts
   * as an edit, so that the failure surfaces where the edit is applied.
   */
  public static boolean containsEdit(String text) {
    try {
      return !PatchParser.parse(text).isEmpty();
    } catch (EditRejection r) {
      return r.toResult().reason() != EMPTY;
    } catch (RuntimeException e) {
      return true;
    }
  }

  /** Applies an edit entirely or not at all. */
  public ApplyResult apply(Edit edit) {
    try {
      Plan plan = plan(edit);
      tree.writeAll(plan.contents, plan.executable);
      return new ApplyResult.Applied(plan.changes, plan.hunks);
    } catch (EditRejection r) {
      return r.toResult();
    } catch (UncheckedIOException e) {
      return new ApplyResult.Rejected(IO_ERROR, "The edit could not be written ("
          + e.getCause().getMessage() + "); nothing was changed.", "");
    }
  }

  private Plan plan(Edit edit) {
    List<FilePatch> patches = toPatches(edit);
    Set<String> touched = new LinkedHashSet<>();
    for (FilePatch p : patches) {
      touched.add(p.oldPath());
      touched.add(p.newPath());
    }
    if (touched.size() > guard.maxFiles()) {
      throw new EditRejection(TOO_LARGE, "The edit touches " + touched.size()
          + " files; the limit is " + guard.maxFiles() + ". Split it into smaller edits.");
    }
    List<FilePatch> checked = new ArrayList<>(patches.size());
    for (FilePatch p : patches) {
      checked.add(checkPathsAndModes(p));
    }
    Plan plan = new Plan();
    for (FilePatch p : checked) {
      plan.apply(p);
    }
    plan.finish();
    return plan;
  }

  private List<FilePatch> toPatches(Edit edit) {
    if (edit instanceof Edit.Patch p) {
      long bytes = p.text().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > guard.maxEditBytes()) {
        throw new EditRejection(TOO_LARGE, "The edit is " + bytes + " bytes; the limit is "
            + guard.maxEditBytes() + ". Send a smaller diff that changes only what is needed.");
      }
      return PatchParser.parse(p.text());
    } else if (edit instanceof Edit.WriteFile w) {
      long bytes = w.content().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > guard.maxFileBytes()) {
        throw new EditRejection(TOO_LARGE, "The file " + w.path() + " would be " + bytes
            + " bytes; the limit is " + guard.maxFileBytes() + ".", w.path());
      }
      return List.of(FilePatch.write(w.path(), w.content()));
    } else {
      Edit.Replace r = (Edit.Replace) edit;
      if (r.search().isEmpty()) {
        return List.of(FilePatch.create(r.path(), r.replace()));
      }
      List<String> search = splitLines(r.search());
      List<String> replace = r.replace().isEmpty() ? List.of() : splitLines(r.replace());
      return List.of(FilePatch.modify(r.path(), List.of(PatchParser.toHunk(search, replace))));
    }
  }

  private static List<String> splitLines(String text) {
    String t = text.replace("\r\n", "\n");
    if (t.endsWith("\n")) {
      t = t.substring(0, t.length() - 1);
    }
    return Arrays.asList(t.split("\n", -1));
  }

  /** Validates both paths and the modes; returns the patch with normalised paths. */
  private FilePatch checkPathsAndModes(FilePatch p) {
    String oldPath = PathRules.checked(p.oldPath(), guard);
    String newPath = PathRules.checked(p.newPath(), guard);
    String mode = p.newMode();
    if (mode.equals("120000") || p.oldMode().equals("120000")) {
      throw new EditRejection(FORBIDDEN_MODE, "The edit makes " + newPath + " a symbolic link;"
          + " links are not allowed. Write a regular file instead.", newPath);
    }
    if (mode.equals("160000") || p.oldMode().equals("160000")) {
      throw new EditRejection(FORBIDDEN_MODE, "The edit adds or changes a submodule at " + newPath
          + "; submodules are not allowed.", newPath);
    }
    boolean makesExecutable = mode.equals("100755")
        && (p.op() == Op.CREATE || !p.oldMode().isEmpty() && !p.oldMode().equals("100755"));
    boolean dropsExecutable = p.oldMode().equals("100755") && mode.equals("100644");
    if ((makesExecutable || dropsExecutable) && !guard.allowExecBit()) {
      throw new EditRejection(FORBIDDEN_MODE, "The edit changes the executable bit of " + newPath
          + "; mode changes are not allowed here. Keep mode 100644.", newPath);
    }
    if (p.binary() && !guard.allowBinary()) {
      throw new EditRejection(BINARY, "The edit carries a binary patch for " + newPath
          + "; binary patches are not allowed. Change text files only.", newPath);
    }
    tree.checkNoLinks(oldPath);
    tree.checkNoLinks(newPath);
    return new FilePatch(p.op(), oldPath, newPath, p.hunks(), p.oldMode(), p.newMode(),
        p.content(), p.binary(), p.binaryData());
  }

  /** Everything an edit will write, computed before anything is written. */
  private final class Plan {
    /** New content per path; null means delete. Insertion order is write order. */
    final Map<String, byte[]> contents = new LinkedHashMap<>();
    final Map<String, Boolean> executable = new LinkedHashMap<>();
    final Map<String, FileChange> changeByPath = new LinkedHashMap<>();
    final List<FileChange> changes = new ArrayList<>();
    final List<HunkReport> hunks = new ArrayList<>();
    boolean namedExisting;

    Optional<byte[]> current(String path) {
      if (contents.containsKey(path)) {
        return Optional.ofNullable(contents.get(path));
      }
      return tree.read(path);
    }

    void apply(FilePatch p) {
      String path = p.targetPath();
      switch (p.op()) {
        case WRITE -> write(path, p.content());
        case CREATE -> create(p);
        case DELETE -> delete(p);
        case MODIFY -> modify(p, p.oldPath(), path, FileChange.Kind.MODIFIED);
        case RENAME -> modify(p, p.oldPath(), path, FileChange.Kind.RENAMED);
        case COPY -> modify(p, p.oldPath(), path, FileChange.Kind.CREATED);
        default -> throw new IllegalStateException(p.op().toString());
      }
    }

    private void write(String path, String content) {
      Optional<byte[]> old = current(path);
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      if (old.isPresent()) {
        namedExisting = true;
        TextFile before = TextFile.decode(old.get());
        if (before != null && before.dominantEnding.equals("\r\n")) {
          bytes = TextFile.parse(content).bytesWithEnding("\r\n");
        }
      }
      put(path, bytes, old.isPresent() ? FileChange.Kind.MODIFIED : FileChange.Kind.CREATED);
      hunks.add(new HunkReport(path, 1, 1, MatchLevel.EXACT));
    }

    private void create(FilePatch p) {
      String path = p.newPath();
      byte[] bytes = p.binary() ? p.binaryData() : createdContent(p);
      Optional<byte[]> old = current(path);
      if (old.isPresent()) {
        if (Arrays.equals(old.get(), bytes)) {
          throw new EditRejection(ALREADY_APPLIED, "The file " + path + " already exists with"
              + " exactly this content: the change is already applied.", path);
        }
        throw new EditRejection(FILE_EXISTS, "The edit creates " + path + ", but that file"
            + " already exists. Send a diff against its current content instead.", path);
      }
      put(path, bytes, FileChange.Kind.CREATED);
      executable.put(path, p.newMode().equals("100755"));
      hunks.add(new HunkReport(path, 1, 1, MatchLevel.EXACT));
    }

    private byte[] createdContent(FilePatch p) {
      if (p.hunks().isEmpty()) {
        return p.content().getBytes(StandardCharsets.UTF_8);
      }
      TextFile file = TextFile.empty();
      for (Hunk h : p.hunks()) {
        for (Line l : h.lines()) {
          if (l.kind() != Kind.REMOVE) {
            file.lines.add(l.text());
            file.endings.add("\n");
          }
        }
        if (h.newMissingEol() && !file.endings.isEmpty()) {
          file.endings.set(file.endings.size() - 1, "");
        }
      }
      return file.bytes();
    }

    private void delete(FilePatch p) {
      String path = p.oldPath();
      byte[] old = current(path).orElseThrow(() -> new EditRejection(MISSING_FILE,
          "The edit deletes " + path + ", which does not exist.", path));
      namedExisting = true;
      if (!p.hunks().isEmpty() && !p.binary()) {
        TextFile file = applyHunks(path, old, p.hunks());
        if (!file.lines.isEmpty() && !(file.lines.size() == 1 && file.lines.get(0).isEmpty())) {
          throw new EditRejection(NO_MATCH, "The edit deletes " + path + " but its removed lines"
              + " do not cover the whole file (" + file.lines.size() + " lines would remain)."
              + " Send 'deleted file mode' with the full content, or only the header.", path);
        }
      }
      put(path, null, FileChange.Kind.DELETED);
    }

    private void modify(FilePatch p, String from, String to, FileChange.Kind kind) {
      byte[] old = current(from).orElseThrow(() -> new EditRejection(MISSING_FILE,
          "The edit changes " + from + ", which does not exist. Create it with a new-file diff"
              + " ('--- /dev/null') or check the path.", from));
      namedExisting = true;
      byte[] updated;
      if (p.binary()) {
        updated = p.binaryData().length > 0 ? p.binaryData() : old;
      } else if (p.hunks().isEmpty()) {
        updated = old;
      } else {
        updated = applyHunks(from, old, p.hunks()).bytes();
      }
      if (!from.equals(to)) {
        if (current(to).isPresent()) {
          throw new EditRejection(FILE_EXISTS, "The edit moves " + from + " to " + to
              + ", but " + to + " already exists.", to);
        }
        if (kind == FileChange.Kind.RENAMED) {
          put(from, null, FileChange.Kind.DELETED);
          changes.remove(changeByPath.remove(from));
        }
        put(to, updated, kind);
        changeByPath.put(to, new FileChange(to, kind, from));
        changes.set(changes.size() - 1, changeByPath.get(to));
      } else {
        put(to, updated, FileChange.Kind.MODIFIED);
      }
      if (!p.newMode().isEmpty() && !p.oldMode().isEmpty()) {
        executable.put(to, p.newMode().equals("100755"));
      }
      if (p.hunks().isEmpty()) {
        hunks.add(new HunkReport(to, 1, 1, MatchLevel.EXACT));
      }
    }

    private TextFile applyHunks(String path, byte[] bytes, List<Hunk> patchHunks) {
      TextFile file = TextFile.decode(bytes);
      if (file == null) {
        throw new EditRejection(BINARY, "The file " + path + " is not UTF-8 text; it cannot be"
            + " changed with a text diff.", path);
      }
      int shift = 0;
      int number = 0;
      for (Hunk h : patchHunks) {
        number++;
        if (!h.changes()) {
          continue;
        }
        List<String> old = h.oldLines();
        int preferred = h.statedLine() > 0 ? h.statedLine() - 1 + shift : -1;
        HunkMatcher.Match m;
        if (old.isEmpty()) {
          m = placeWithoutContext(path, number, file, preferred);
        } else {
          m = HunkMatcher.find(file.lines, old, preferred);
        }
        if (!m.found()) {
          throw noMatch(path, number, file, h, m);
        }
        replace(file, m, h);
        hunks.add(new HunkReport(path, number, m.start() + 1 - shift, m.level()));
        shift += h.newLines().size() - old.size();
      }
      return file;
    }

    private HunkMatcher.Match placeWithoutContext(
        String path, int number, TextFile file, int preferred) {
      if (file.lines.isEmpty()) {
        return new HunkMatcher.Match(0, MatchLevel.EXACT, List.of(0));
      }
      if (preferred >= 0 && preferred <= file.lines.size()) {
        return new HunkMatcher.Match(preferred, MatchLevel.EXACT, List.of(preferred));
      }
      throw new EditRejection(AMBIGUOUS, "Hunk " + number + " for " + path + " has no context"
          + " or removed lines and no line number, so its place is ambiguous: include a few"
          + " unchanged lines around the change.", path);
    }

    private EditRejection noMatch(String path, int number, TextFile file, Hunk h,
        HunkMatcher.Match m) {
      if (m.ambiguous()) {
        String lines = m.candidates().stream().map(c -> String.valueOf(c + 1))
            .collect(Collectors.joining(", "));
        return new EditRejection(AMBIGUOUS, "Hunk " + number + " for " + path + " is ambiguous:"
            + " its lines occur at lines " + lines + ". Add more context lines or correct the @@"
            + " line numbers so that only one place matches.", path);
      }
      if (HunkMatcher.occursLoosely(file.lines, h.newLines())) {
        return new EditRejection(ALREADY_APPLIED, "Hunk " + number + " for " + path + " is"
            + " already applied: its new lines are in the file and its old lines are not.", path);
      }
      List<String> old = h.oldLines();
      StringBuilder msg = new StringBuilder("Hunk ").append(number).append(" for ").append(path)
          .append(" does not match the file: its ").append(old.size())
          .append(" old lines (context and '-' lines) are not in it.");
      int at = HunkMatcher.closest(file.lines, old);
      if (at >= 0) {
        int from = Math.max(0, at - 2);
        int to = Math.min(file.lines.size(), at + old.size() + 2);
        msg.append(" The closest region is lines ").append(from + 1).append('-').append(to)
            .append(":\n");
        for (int i = from; i < to; i++) {
          msg.append(String.format("%5d | %s%n", i + 1, file.lines.get(i)));
        }
        for (int k = 0; k < old.size() && at + k < file.lines.size(); k++) {
          if (!file.lines.get(at + k).equals(old.get(k))) {
            msg.append("First difference at line ").append(at + k + 1).append(": the hunk has '")
                .append(old.get(k)).append("', the file has '").append(file.lines.get(at + k))
                .append("'.");
            break;
          }
        }
      } else {
        msg.append(" No region of the file resembles it; read the file and send a new diff.");
      }
      return new EditRejection(NO_MATCH, msg.toString().stripTrailing(), path);
    }

    private void replace(TextFile file, HunkMatcher.Match m, Hunk h) {
      int start = m.start();
      List<String> old = h.oldLines();
      boolean reindent = m.level().compareTo(MatchLevel.INDENTATION) >= 0;
      String hunkIndent = "";
      String fileIndent = "";
      if (reindent) {
        for (int k = 0; k < old.size(); k++) {
          if (!old.get(k).isBlank()) {
            hunkIndent = leading(old.get(k));
            fileIndent = leading(file.lines.get(start + k));
            break;
          }
        }
      }
      boolean atEnd = start + old.size() == file.lines.size();
      String lastOldEnding = atEnd && !old.isEmpty() ? file.endings.get(file.lines.size() - 1)
          : null;
      List<String> newText = new ArrayList<>();
      List<String> newEndings = new ArrayList<>();
      int k = 0;
      for (Line l : h.lines()) {
        switch (l.kind()) {
          case CONTEXT -> {
            newText.add(file.lines.get(start + k));
            newEndings.add(file.endings.get(start + k));
            k++;
          }
          case REMOVE -> k++;
          case ADD -> {
            newText.add(reindent ? reindent(l.text(), hunkIndent, fileIndent) : l.text());
            newEndings.add(file.dominantEnding);
          }
          default -> throw new IllegalStateException();
        }
      }
      for (int r = 0; r < old.size(); r++) {
        file.lines.remove(start);
        file.endings.remove(start);
      }
      file.lines.addAll(start, newText);
      file.endings.addAll(start, newEndings);
      // a line that was last without a newline may now be followed by others
      for (int i = 0; i < file.lines.size() - 1; i++) {
        if (file.endings.get(i).isEmpty()) {
          file.endings.set(i, file.dominantEnding);
        }
      }
      if (atEnd && !newText.isEmpty()) {
        int last = file.lines.size() - 1;
        if (h.newMissingEol()) {
          file.endings.set(last, "");
        } else if (h.oldMissingEol()) {
          file.endings.set(last, file.dominantEnding);
        } else if (lastOldEnding != null && lastOldEnding.isEmpty()) {
          file.endings.set(last, "");
        }
      }
    }

    private void put(String path, byte[] bytes, FileChange.Kind kind) {
      if (bytes != null && bytes.length > guard.maxFileBytes()) {
        throw new EditRejection(TOO_LARGE, "The file " + path + " would be " + bytes.length
            + " bytes; the limit is " + guard.maxFileBytes() + ".", path);
      }
      contents.put(path, bytes);
      if (!changeByPath.containsKey(path)) {
        FileChange change = FileChange.of(path, kind);
        changeByPath.put(path, change);
        changes.add(change);
      } else if (bytes == null) {
        FileChange change = FileChange.of(path, FileChange.Kind.DELETED);
        changes.set(changes.indexOf(changeByPath.get(path)), change);
        changeByPath.put(path, change);
      }
    }

    /** Drops writes that change nothing; refuses an edit that changes nothing at all. */
    void finish() {
      List<String> unchanged = new ArrayList<>();
      for (Map.Entry<String, byte[]> e : contents.entrySet()) {
        Optional<byte[]> disk = tree.read(e.getKey());
        boolean sameMode = !executable.containsKey(e.getKey())
            || executable.get(e.getKey()) == tree.isExecutable(e.getKey());
        if (e.getValue() != null && disk.isPresent() && Arrays.equals(disk.get(), e.getValue())
            && sameMode) {
          unchanged.add(e.getKey());
        }
      }
      for (String path : unchanged) {
        contents.remove(path);
        changes.remove(changeByPath.remove(path));
      }
      if (contents.isEmpty()) {
        if (namedExisting) {
          throw new EditRejection(ALREADY_APPLIED, "The edit changes nothing: the files already"
              + " have this content, so it is already applied.");
        }
        throw new EditRejection(EMPTY, "The edit changes nothing.");
      }
    }
  }

  private static String leading(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return s.substring(0, i);
  }

  private static String reindent(String line, String from, String to) {
    if (line.isBlank()) {
      return line;
    }
    if (line.startsWith(from)) {
      return to + line.substring(from.length());
    }
    return to + line.stripLeading();
  }
}
