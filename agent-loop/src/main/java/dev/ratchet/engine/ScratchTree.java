package dev.ratchet.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scratch copy of the work tree for a command that writes files, and the way back: what the
 * command changed, read from a directory where sandboxed code may have left anything.
 *
 * <p>The copy holds the tree's regular files only: no symlinks, no {@code .git} (at any depth), no
 * top-level {@code target}. Reading it back never follows a link, never opens anything but a
 * regular file, and reads at most {@link #MAX_FILE_BYTES} of a changed file; symlinks, FIFOs,
 * devices and sockets the command left are skipped and named. Reading back relies on the command
 * having ended (the sandbox kills what it started), so nothing swaps files while they are read.
 * {@link #close()} deletes the copy, making directories accessible first so that a {@code chmod
 * 000} left by the command does not stop it.
 */
final class ScratchTree implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScratchTree.class);

  /** The largest changed file brought back. */
  static final long MAX_FILE_BYTES = 8L << 20;
  /** The most bytes of changed files read back in all. */
  static final long MAX_TOTAL_BYTES = 64L << 20;
  /** The most entries (files, directories, anything) read back. */
  static final int MAX_ENTRIES = 100_000;
  /** The most bytes copied into a scratch copy. */
  static final long MAX_COPY_BYTES = 4L << 30;

  private static final Set<PosixFilePermission> OWNER_ALL = Set.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  private final Path tree;
  private final Path dir;
  private final SortedSet<String> copied;

  private ScratchTree(Path tree, Path dir, SortedSet<String> copied) {
    this.tree = tree;
    this.dir = dir;
    this.copied = copied;
  }

  /** Copies the regular files of {@code tree} into a new temporary directory. */
  static ScratchTree copyOf(Path tree) throws IOException {
    Path root = tree.toAbsolutePath().normalize();
    Path dir = Files.createTempDirectory("ratchet-command-");
    try {
      SortedSet<String> copied = new TreeSet<>();
      long[] bytes = {0};
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
            throws IOException {
          String rel = relative(root, d);
          if (!rel.isEmpty() && skipped(rel)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (!rel.isEmpty()) {
            Files.createDirectory(dir.resolve(rel));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String rel = relative(root, file);
          if (attrs.isRegularFile() && !skipped(rel)) {
            bytes[0] += attrs.size();
            if (copied.size() >= MAX_ENTRIES || bytes[0] > MAX_COPY_BYTES) {
              throw new IOException("the tree holds more than " + MAX_ENTRIES + " files or "
                  + (MAX_COPY_BYTES >> 30) + " GiB, too much to copy for a command");
            }
            Path target = dir.resolve(rel);
            Files.copy(file, target, LinkOption.NOFOLLOW_LINKS);
            if (Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                .contains(PosixFilePermission.OWNER_EXECUTE)) {
              Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
              perms.add(PosixFilePermission.OWNER_EXECUTE);
              Files.setPosixFilePermissions(target, perms);
            }
            copied.add(rel);
          }
          return FileVisitResult.CONTINUE;
        }
      });
      return new ScratchTree(root, dir, copied);
    } catch (IOException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  /** The scratch directory to mount read-write for the command. */
  Path dir() {
    return dir;
  }

  /** What a read-back found. */
  sealed interface ReadBack permits Changed, Refused {}

  /**
   * The command's changes, and what was skipped.
   *
   * @param files the changed files, by path
   * @param skipped entries left alone, each with why (a symbolic link, not a regular file)
   * @param endingsOnly files whose only change is line endings, which an edit cannot carry
   */
  record Changed(List<WriteBackDiff.FileChange> files, List<String> skipped,
      List<String> endingsOnly) implements ReadBack {
    Changed {
      files = List.copyOf(files);
      skipped = List.copyOf(skipped);
      endingsOnly = List.copyOf(endingsOnly);
    }
  }

  /** The changes cannot be brought back; the reason is for the model. */
  record Refused(String reason) implements ReadBack {}

  /** Compares the scratch copy with the tree. */
  ReadBack readBack() {
    try {
      return new Reader().read();
    } catch (RefusedException e) {
      return new Refused(e.getMessage());
    } catch (IOException | RuntimeException e) {
      return new Refused("the changed files could not be read back (" + e + ").");
    }
  }

  /** Reads the scratch directory once, entry by entry. */
  private final class Reader {
    /** Every entry found, by relative path: what kind of thing it is. */
    private final Map<String, Kind> entries = new TreeMap<>();
    private final Map<String, Long> sizes = new TreeMap<>();
    private long total;

    ReadBack read() throws IOException {
      inventory();
      List<WriteBackDiff.FileChange> files = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      List<String> endingsOnly = new ArrayList<>();
      for (Map.Entry<String, Kind> e : entries.entrySet()) {
        String rel = e.getKey();
        switch (e.getValue()) {
          case LINK -> skipped.add(rel + " (a symbolic link)");
          case SPECIAL -> skipped.add(rel + " (not a regular file)");
          case DIRECTORY -> { }
          case REGULAR -> {
            WriteBackDiff.FileChange change = compare(rel);
            if (change == null) {
              continue;
            }
            if (change.kind() == WriteBackDiff.Kind.MODIFIED
                && WriteBackDiff.sameLines(change.oldText(), change.newText())) {
              endingsOnly.add(rel);
            } else {
              files.add(change);
            }
          }
          default -> throw new IllegalStateException(e.getValue().toString());
        }
      }
      for (String rel : copied) {
        if (entries.containsKey(rel)) {
          continue;
        }
        String blocked = blockedAncestor(rel);
        if (blocked != null) {
          skipped.add(rel + " (its directory " + blocked + " is no longer a directory)");
        } else {
          files.add(new WriteBackDiff.FileChange(rel, WriteBackDiff.Kind.DELETED, "", ""));
        }
      }
      files.sort((a, b) -> a.path().compareTo(b.path()));
      return new Changed(files, skipped, endingsOnly);
    }

    private void inventory() throws IOException {
      Deque<String> dirs = new ArrayDeque<>();
      dirs.push("");
      while (!dirs.isEmpty()) {
        String relDir = dirs.pop();
        Path d = relDir.isEmpty() ? dir : dir.resolve(relDir);
        for (Path child : list(d, relDir)) {
          String name = child.getFileName().toString();
          String rel = relDir.isEmpty() ? name : relDir + "/" + name;
          if (skipped(rel)) {
            continue;
          }
          if (entries.size() >= MAX_ENTRIES) {
            throw new RefusedException("the command left more than " + MAX_ENTRIES
                + " files and directories in the tree.");
          }
          BasicFileAttributes a = Files.readAttributes(child, BasicFileAttributes.class,
              LinkOption.NOFOLLOW_LINKS);
          if (a.isSymbolicLink()) {
            entries.put(rel, Kind.LINK);
          } else if (a.isDirectory()) {
            entries.put(rel, Kind.DIRECTORY);
            dirs.push(rel);
          } else if (a.isRegularFile()) {
            entries.put(rel, Kind.REGULAR);
            sizes.put(rel, a.size());
          } else {
            entries.put(rel, Kind.SPECIAL);
          }
        }
      }
    }

    private List<Path> list(Path d, String rel) throws IOException {
      for (int attempt = 0; ; attempt++) {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(d)) {
          List<Path> children = new ArrayList<>();
          stream.forEach(children::add);
          return children;
        } catch (java.nio.file.AccessDeniedException e) {
          if (attempt > 0) {
            throw new RefusedException("the command left the directory "
                + (rel.isEmpty() ? "." : rel) + " unreadable.");
          }
          makeAccessible(d);
        }
      }
    }

    /** The change to one regular file, or null when it is unchanged. */
    private WriteBackDiff.FileChange compare(String rel) throws IOException {
      Path scratchFile = dir.resolve(rel);
      long size = sizes.get(rel);
      if (copied.contains(rel)) {
        Path treeFile = tree.resolve(rel);
        BasicFileAttributes before = Files.readAttributes(treeFile, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        if (before.isRegularFile() && before.size() == size && sameContent(treeFile, scratchFile)) {
          return null;
        }
        String oldText = text(rel, readCapped(treeFile, rel, "was"));
        String newText = text(rel, readCapped(scratchFile, rel, "became"));
        return new WriteBackDiff.FileChange(rel, WriteBackDiff.Kind.MODIFIED, oldText, newText);
      }
      String newText = text(rel, readCapped(scratchFile, rel, "is"));
      return new WriteBackDiff.FileChange(rel, WriteBackDiff.Kind.CREATED, "", newText);
    }

    private byte[] readCapped(Path file, String rel, String verb) throws IOException {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile()) {
        throw new RefusedException(rel + " is not a regular file.");
      }
      if (a.size() > MAX_FILE_BYTES) {
        throw new RefusedException(rel + " " + verb + " " + a.size() + " bytes; changed files"
            + " over " + (MAX_FILE_BYTES >> 20) + " MiB are not brought back.");
      }
      // NOFOLLOW_LINKS: open() fails on a link swapped in after the check (O_NOFOLLOW)
      try (SeekableByteChannel channel = Files.newByteChannel(file,
              Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
          InputStream in = Channels.newInputStream(channel)) {
        byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
          throw new RefusedException(rel + " grew past " + (MAX_FILE_BYTES >> 20) + " MiB while"
              + " it was read; it is not brought back.");
        }
        total += bytes.length;
        if (total > MAX_TOTAL_BYTES) {
          throw new RefusedException("the changed files hold more than "
              + (MAX_TOTAL_BYTES >> 20) + " MiB in all.");
        }
        return bytes;
      }
    }

    /** The nearest ancestor of {@code rel} that is now a link or a special file, or null. */
    private String blockedAncestor(String rel) {
      int slash = rel.indexOf('/');
      while (slash >= 0) {
        String ancestor = rel.substring(0, slash);
        Kind kind = entries.get(ancestor);
        if (kind == Kind.LINK || kind == Kind.SPECIAL) {
          return ancestor;
        }
        slash = rel.indexOf('/', slash + 1);
      }
      return null;
    }
  }

  private enum Kind {
    REGULAR,
    DIRECTORY,
    LINK,
    SPECIAL
  }

  /** Decodes strict UTF-8 text without NUL and without a carriage return inside a line. */
  private static String text(String rel, byte[] bytes) {
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new RefusedException(rel + " is not UTF-8 text; a command's changes come back as"
          + " text only.");
    }
    if (s.indexOf('\0') >= 0) {
      throw new RefusedException(rel + " holds a NUL byte (binary content); a command's changes"
          + " come back as text only.");
    }
    for (int i = s.indexOf('\r'); i >= 0; i = s.indexOf('\r', i + 1)) {
      if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
        throw new RefusedException(rel + " holds a carriage return that does not end a line;"
            + " such text cannot be carried back as an edit.");
      }
    }
    return s;
  }

  /** Compares two regular files without following links. */
  private static boolean sameContent(Path a, Path b) throws IOException {
    try (SeekableByteChannel ca = Files.newByteChannel(a,
            Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        SeekableByteChannel cb = Files.newByteChannel(b,
            Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        InputStream ia = Channels.newInputStream(ca);
        InputStream ib = Channels.newInputStream(cb)) {
      while (true) {
        byte[] x = ia.readNBytes(1 << 16);
        byte[] y = ib.readNBytes(1 << 16);
        if (!Arrays.equals(x, y)) {
          return false;
        }
        if (x.length == 0) {
          return true;
        }
      }
    }
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString();
  }

  /** Never copied and never brought back: {@code .git} at any depth, {@code target} at the top. */
  static boolean skipped(String rel) {
    for (String segment : rel.split("/")) {
      if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
        return true;
      }
    }
    return rel.equals("target");
  }

  /** Deletes the scratch copy; a failure is logged, not thrown. */
  @Override
  public void close() {
    deleteTree(dir);
  }

  /** Deletes a tree without following links, making directories accessible first. */
  static void deleteTree(Path root) {
    Deque<Path> pending = new ArrayDeque<>();
    Deque<Path> toDelete = new ArrayDeque<>();
    pending.push(root);
    List<String> failures = new ArrayList<>();
    while (!pending.isEmpty()) {
      Path p = pending.pop();
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException e) {
        failures.add(p + ": " + e.getMessage());
        continue;
      }
      toDelete.push(p);
      if (a.isDirectory()) {
        makeAccessible(p);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
          children.forEach(pending::push);
        } catch (IOException e) {
          failures.add(p + ": " + e.getMessage());
        }
      }
    }
    while (!toDelete.isEmpty()) {
      Path p = toDelete.pop();
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        failures.add(p + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      LOG.warn("Could not delete all of the scratch copy {}: {}", root, failures);
    }
  }

  /**
   * Gives the owner read, write and search permission on a directory. Without following links
   * first; when that cannot open the directory (mode 000 and not root), with a plain chmod of the
   * path just seen as a directory.
   */
  private static void makeAccessible(Path d) {
    try {
      PosixFileAttributeView view = Files.getFileAttributeView(d, PosixFileAttributeView.class,
          LinkOption.NOFOLLOW_LINKS);
      if (view == null) {
        return;
      }
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      if (perms.containsAll(OWNER_ALL)) {
        return;
      }
      perms.addAll(OWNER_ALL);
      try {
        view.setPermissions(perms);
      } catch (IOException e) {
        if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(d, perms);
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Could not make {} accessible: {}", d, e.toString());
    }
  }

  /** Stops a read-back with a reason for the model. */
  private static final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message, null, false, false);
    }
  }
}
