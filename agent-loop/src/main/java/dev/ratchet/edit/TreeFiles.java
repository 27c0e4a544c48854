package dev.ratchet.edit;

import static dev.ratchet.workspace.ApplyResult.Reason.UNSAFE_PATH;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files of one tree, read and written without following links, with an all-or-nothing write.
 */
final class TreeFiles {
  private static final Set<PosixFilePermission> EXEC = EnumSet.of(
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_EXECUTE);

  private final Path root;

  TreeFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  private Path resolve(String path) {
    Path p = root.resolve(path).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new EditRejection(UNSAFE_PATH, "The path '" + path + "' leaves the tree.", path);
    }
    return p;
  }

  /** Refuses a path that goes through a symlink or names anything but a regular file. */
  void checkNoLinks(String path) {
    Path p = resolve(path);
    Path walk = root;
    for (Path part : root.relativize(p)) {
      walk = walk.resolve(part);
      BasicFileAttributes attrs = attributes(walk);
      if (attrs == null) {
        return;
      }
      if (attrs.isSymbolicLink()) {
        String rel = root.relativize(walk).toString();
        throw new EditRejection(UNSAFE_PATH, "The path '" + path + "' goes through the symbolic"
            + " link '" + rel + "'; edits never write through links.", path);
      }
      if (!walk.equals(p) && !attrs.isDirectory()) {
        throw new EditRejection(UNSAFE_PATH, "The path '" + path + "' goes through '"
            + root.relativize(walk) + "', which is not a directory.", path);
      }
      if (walk.equals(p) && !attrs.isRegularFile()) {
        throw new EditRejection(UNSAFE_PATH, "The path '" + path + "' is not a regular file.",
            path);
      }
    }
  }

  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of a regular file; empty when missing or not a regular file. */
  Optional<byte[]> read(String path) {
    Path p = resolve(path);
    Path walk = root;
    for (Path part : root.relativize(p)) {
      walk = walk.resolve(part);
      BasicFileAttributes attrs = attributes(walk);
      if (attrs == null || attrs.isSymbolicLink()) {
        return Optional.empty();
      }
      if (walk.equals(p) && !attrs.isRegularFile()) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Files.readAllBytes(p));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isExecutable(String path) {
    Path p = resolve(path);
    try {
      return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
          && Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)
              .contains(PosixFilePermission.OWNER_EXECUTE);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Writes every entry (null = delete) or, when one write fails, restores what was written and
   * throws.
   */
  void writeAll(Map<String, byte[]> contents, Map<String, Boolean> executable) {
    Deque<Runnable> undo = new ArrayDeque<>();
    try {
      for (Map.Entry<String, byte[]> e : contents.entrySet()) {
        write(e.getKey(), e.getValue(), executable.get(e.getKey()), undo);
      }
    } catch (IOException | RuntimeException e) {
      while (!undo.isEmpty()) {
        try {
          undo.pop().run();
        } catch (RuntimeException ignored) {
          // best effort: keep restoring the rest
        }
      }
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private void write(String path, byte[] bytes, Boolean exec, Deque<Runnable> undo)
      throws IOException {
    Path target = resolve(path);
    Optional<byte[]> before = read(path);
    boolean wasExec = isExecutable(path);
    if (bytes == null) {
      Files.deleteIfExists(target);
      undo.push(() -> restore(target, before, wasExec));
      deleteEmptyParents(target.getParent(), undo);
      return;
    }
    List<Path> created = createParents(target.getParent());
    undo.push(() -> {
      restore(target, before, wasExec);
      for (Path dir : created) {
        try {
          Files.deleteIfExists(dir);
        } catch (IOException ignored) {
          // a directory that is not empty stays
        }
      }
    });
    Path tmp = Files.createTempFile(target.getParent(), ".ratchet-", ".tmp");
    try {
      Files.write(tmp, bytes);
      // A temporary file is private (0600); the file keeps its mode, a new one gets git's 0644.
      keepMode(tmp, target);
      boolean makeExec = exec != null ? exec : wasExec;
      setExecutable(tmp, makeExec);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private List<Path> createParents(Path dir) throws IOException {
    List<Path> created = new ArrayList<>();
    Path walk = dir;
    while (walk != null && !walk.equals(root) && !Files.exists(walk, LinkOption.NOFOLLOW_LINKS)) {
      created.add(0, walk);
      walk = walk.getParent();
    }
    for (Path d : created) {
      try {
        Files.createDirectory(d);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
          throw e;
        }
      }
    }
    List<Path> reversed = new ArrayList<>(created);
    java.util.Collections.reverse(reversed);
    return reversed;
  }

  private void deleteEmptyParents(Path dir, Deque<Runnable> undo) {
    Path walk = dir;
    while (walk != null && !walk.equals(root)) {
      try (var entries = Files.list(walk)) {
        if (entries.findAny().isPresent()) {
          return;
        }
      } catch (IOException e) {
        return;
      }
      try {
        Files.delete(walk);
      } catch (IOException e) {
        return;
      }
      Path removed = walk;
      undo.push(() -> {
        try {
          Files.createDirectories(removed);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      walk = walk.getParent();
    }
  }

  private static void restore(Path target, Optional<byte[]> before, boolean exec) {
    try {
      if (before.isPresent()) {
        Files.createDirectories(target.getParent());
        Files.write(target, before.get());
        setExecutable(target, exec);
      } else {
        Files.deleteIfExists(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keepMode(Path tmp, Path target) throws IOException {
    try {
      Set<PosixFilePermission> mode = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
          ? Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS)
          : PosixFilePermissions.fromString("rw-r--r--");
      Files.setPosixFilePermissions(tmp, mode);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: modes do not exist there
    }
  }

  private static void setExecutable(Path p, boolean exec) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      if (exec) {
        perms.addAll(EXEC);
      } else {
        perms.removeAll(EXEC);
      }
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: modes do not exist there
    }
  }
}
