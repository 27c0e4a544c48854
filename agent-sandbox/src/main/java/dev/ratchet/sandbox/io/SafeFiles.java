package dev.ratchet.sandbox.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reading and deleting files that sandboxed code could write. Such a directory may hold symlinks
 * to host files, FIFOs that block a reader forever, device nodes, setuid files and directories
 * with mode 000. Nothing here follows a link, opens anything but a regular file, reads past a cap,
 * or leaves the root.
 */
public final class SafeFiles {

  private SafeFiles() {}

  /**
   * Reads a regular file under {@code root}, at most {@code maxBytes}; empty when the file is
   * missing, is not a regular file (a symlink, FIFO, device or directory), or when any directory
   * on the way is a symlink. A larger file is an {@link IllegalStateException} naming the cap.
   */
  public static Optional<byte[]> read(Path root, String relative, long maxBytes) {
    Path file = resolveInside(root, relative).orElse(null);
    if (file == null || !noLinksOnTheWay(root, file)) {
      return Optional.empty();
    }
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect " + file, e);
    }
    if (!attrs.isRegularFile()) {
      return Optional.empty();
    }
    if (attrs.size() > maxBytes) {
      throw new IllegalStateException(file + " holds " + attrs.size() + " bytes, over the cap of "
          + maxBytes);
    }
    // NOFOLLOW_LINKS makes open() fail on a link swapped in after the check (O_NOFOLLOW).
    try (SeekableByteChannel channel = Files.newByteChannel(file,
            Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        InputStream in = Channels.newInputStream(channel)) {
      byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > maxBytes) {
        throw new IllegalStateException(file + " grew past the cap of " + maxBytes + " bytes");
      }
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The normalised path of {@code relative} under {@code root}, unless it leaves the root. */
  public static Optional<Path> resolveInside(Path root, String relative) {
    if (relative.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    Path base = root.toAbsolutePath().normalize();
    Path path = Path.of(relative);
    if (path.isAbsolute()) {
      return Optional.empty();
    }
    Path resolved = base.resolve(path).normalize();
    return resolved.startsWith(base) && !resolved.equals(base)
        ? Optional.of(resolved) : Optional.empty();
  }

  private static boolean noLinksOnTheWay(Path root, Path file) {
    Path base = root.toAbsolutePath().normalize();
    for (Path p = file.getParent(); p != null && p.startsWith(base) && !p.equals(base);
        p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Deletes a tree without following links, making directories accessible on the way down (a
   * sandboxed command can leave {@code chmod 000} directories). Returns whether everything went;
   * a file owned by another user in a directory this process may not change stays, and the
   * caller can delete it from a container running as that user.
   */
  public static boolean deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    return delete(root);
  }

  private static boolean delete(Path path) {
    boolean all = true;
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.setPosixFilePermissions(path, EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
      } catch (IOException | UnsupportedOperationException e) {
        // Not ours: listing may still work (root, or permissive modes).
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
        for (Path entry : entries) {
          all &= delete(entry);
        }
      } catch (IOException e) {
        all = false;
      }
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      all = false;
    }
    return all;
  }
}
