package dev.ratchet.eval.tasks;

import dev.ratchet.model.Attachment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The systems-engineering task pack: Rust tasks with hidden checks, one per kind the model survey
 * names, bundled in the jar under {@code tasks/}. A model sees only {@link #extractCrate the crate}
 * and {@link #prompt the request}; the harness then {@link #addHiddenChecks adds the hidden checks}
 * and judges the crate with the task's {@link Task#gates gates}.
 *
 * <p>Each task is one folder, {@code tasks/NN-name/}:
 *
 * <ul>
 *   <li>{@code crate/} — the starting state: {@code Cargo.toml}, {@code Cargo.lock} (every version
 *       pinned, generated with {@code cargo generate-lockfile}), {@code src/}; formatted and
 *       warning-free under Clippy. Dev-dependencies the hidden checks need (loom, criterion,
 *       tokio...) are already in the manifest, so the lockfile is complete and the gates' host-side
 *       {@code cargo fetch} runs once.
 *   <li>{@code task.md} — what a user asks, precise enough to grade.
 *   <li>{@code hidden/} — files copied over the crate after the model's work ({@code
 *       tests/hidden.rs}, benches), never shown to the model.
 *   <li>{@code gold.patch} — a git-format unified diff against {@code crate/} that solves the task;
 *       {@code git apply} in the crate applies it.
 *   <li>{@code task.json} — {@code {"id", "kind" (1..10), "title", "gates": [...],
 *       "loom_filter"?, "image"?}}, see {@link Task}.
 *   <li>the image {@code task.json} names, if any (a PNG of a failing CI log), given to the model
 *       with {@code task.md}; and {@code ci.log}, the real run it was drawn from, never shown.
 * </ul>
 *
 * <p>A task is well formed when the starting crate plus the hidden checks fails at least one
 * grading gate and the crate plus {@code gold.patch} plus the hidden checks passes them all.
 */
public final class TaskPack {

  /** The files and folders every task folder holds. */
  public static final List<String> LAYOUT =
      List.of("crate/Cargo.toml", "crate/Cargo.lock", "crate/src", "task.md", "hidden",
          "gold.patch", "task.json");

  private final Path root;

  private TaskPack(Path root) {
    this.root = root;
  }

  /** The tasks bundled with this library (from the jar, or from the class path's folder). */
  public static TaskPack bundled() {
    URL url = TaskPack.class.getResource("/tasks/");
    if (url == null) {
      throw new IllegalStateException("no tasks/ on the class path: the agent-eval jar is broken");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return new TaskPack(fs.getPath("/tasks"));
      }
      return new TaskPack(Path.of(uri));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad class-path address " + url, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the jar holding " + url, e);
    }
  }

  /** A pack laid out in a directory, e.g. one being written. */
  public static TaskPack at(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("not a directory: " + directory);
    }
    return new TaskPack(directory);
  }

  /** The task ids, sorted. */
  public List<String> ids() {
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString().replace("/", ""))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every task, by id. */
  public List<Task> tasks() {
    return ids().stream().map(this::task).toList();
  }

  /** One task's {@code task.json}; its id must match its folder. */
  public Task task(String id) {
    Task task = Task.parse(read(id, "task.json"));
    if (!task.id().equals(id)) {
      throw new IllegalStateException("task.json of " + id + " says its id is " + task.id());
    }
    return task;
  }

  /** What the user asks ({@code task.md}): the only text the model gets besides the crate. */
  public String prompt(String id) {
    return read(id, "task.md");
  }

  /** The picture that comes with the request, if the task has one (see {@link Task#image}). */
  public List<Attachment> attachments(Task task) {
    String id = task.id();
    if (task.image().isEmpty()) {
      return List.of();
    }
    String name = task.image().get();
    try {
      byte[] data = Files.readAllBytes(folder(id).resolve(name));
      return List.of(new Attachment(name, name.endsWith(".png") ? "image/png" : "image/jpeg",
          data));
    } catch (IOException e) {
      throw new UncheckedIOException("task " + id + " names the image " + name
          + " but its folder has no readable file of that name", e);
    }
  }

  /** The reference solution, a git-format diff against the starting crate. */
  public String goldPatch(String id) {
    return read(id, "gold.patch");
  }

  /**
   * The files of one task folder that are missing, against {@link #LAYOUT} and the image its
   * {@code task.json} names; empty when whole.
   */
  public List<String> missing(String id) {
    List<String> missing = new ArrayList<>();
    List<String> expected = new ArrayList<>(LAYOUT);
    task(id).image().ifPresent(expected::add);
    for (String entry : expected) {
      if (!Files.exists(folder(id).resolve(entry))) {
        missing.add(entry);
      }
    }
    return missing;
  }

  /** Copies the starting crate into {@code dir} (created if needed) and returns {@code dir}. */
  public Path extractCrate(String id, Path dir) {
    copyTree(folder(id).resolve("crate"), dir);
    return dir;
  }

  /** Copies the hidden checks over the crate in {@code crateDir}, replacing files of that name. */
  public void addHiddenChecks(String id, Path crateDir) {
    copyTree(folder(id).resolve("hidden"), crateDir);
  }

  /** Copies the whole task folder into {@code dir}. */
  public Path extract(String id, Path dir) {
    copyTree(folder(id), dir);
    return dir;
  }

  private Path folder(String id) {
    Path folder = root.resolve(id);
    if (id.contains("/") || id.contains("..") || !Files.isDirectory(folder)) {
      throw new IllegalArgumentException("no task " + id + "; the pack holds " + ids());
    }
    return folder;
  }

  private String read(String id, String file) {
    try {
      return Files.readString(folder(id).resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("task " + id + " has no readable " + file, e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to;
        for (Path part : from.relativize(p)) {
          String name = part.toString().replace("/", "");
          if (!name.isEmpty()) {
            target = target.resolve(name);
          }
        }
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }
}
