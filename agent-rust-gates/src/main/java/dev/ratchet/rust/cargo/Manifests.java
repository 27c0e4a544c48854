package dev.ratchet.rust.cargo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.ratchet.sandbox.io.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks every {@code Cargo.toml} of a tree on the host, before cargo runs, by reading the TOML
 * (jackson-dataformat-toml) and never running cargo.
 *
 * <p>Refused: dependencies from git (unless allowed), from another registry ({@code registry},
 * {@code registry-index}) or through a path base, in {@code [dependencies]}, {@code
 * [dev-dependencies]}, {@code [build-dependencies]}, their {@code [target.'cfg(..)'.*]} forms and
 * {@code [workspace.dependencies]}; {@code [patch]} and {@code [replace]} (unless allowed); and
 * any path that is absolute, leaves the tree, goes through a symlink or into a {@code target/} or
 * {@code .git/} directory: dependency paths, {@code package.build}, {@code package.workspace},
 * target sources ({@code [lib]}, {@code [[bin]]}, {@code [[test]]}, {@code [[bench]]}, {@code
 * [[example]]}) and {@code workspace.members} globs (their literal part).
 *
 * <p>The walk follows no links and skips {@code target/} and {@code .git/} directories. A
 * manifest that is a symlink, larger than {@value #MAX_MANIFEST_BYTES} bytes or not valid TOML is
 * itself a violation, as is a tree with more than {@value #MAX_MANIFESTS} manifests. Trusts the
 * file system not to change during the check: run it on a tree nothing else writes.
 */
public final class Manifests {

  /** The largest manifest read. */
  public static final long MAX_MANIFEST_BYTES = 1L << 20;
  static final int MAX_MANIFESTS = 1000;
  private static final int MAX_DEPTH = 32;
  private static final Set<String> SKIPPED_DIRS = Set.of("target", ".git");
  private static final List<String> DEPENDENCY_TABLES = List.of("dependencies",
      "dev-dependencies", "dev_dependencies", "build-dependencies", "build_dependencies");
  private static final List<String> TARGET_ARRAYS = List.of("bin", "test", "bench", "example");
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern GLOB = Pattern.compile("[*?\\[{]");
  private static final TomlMapper TOML = new TomlMapper();

  private Manifests() {}

  /** Checks the tree with {@link ManifestRules#strict()}. */
  public static List<ManifestViolation> check(Path root) {
    return check(root, ManifestRules.strict());
  }

  /** Checks every manifest under {@code root}; empty when all are acceptable. */
  public static List<ManifestViolation> check(Path root, ManifestRules rules) {
    Objects.requireNonNull(rules, "rules");
    List<ManifestViolation> out = new ArrayList<>();
    Path base = root.toAbsolutePath().normalize();
    for (Manifest m : read(base, out)) {
      new Checker(base, m, rules, out).check();
    }
    return List.copyOf(out);
  }

  /**
   * The names of targets declared {@code harness = false} ({@code [[test]]}, {@code [[bench]]},
   * {@code [[bin]]}, {@code [[example]]}, {@code [lib]}) in the tree's manifests, for {@link
   * TestAccounting}. Manifests that cannot be read are left out ({@link #check} reports them).
   */
  public static Set<String> harnessFalseTargets(Path root) {
    Set<String> names = new TreeSet<>();
    for (Manifest m : read(root.toAbsolutePath().normalize(), new ArrayList<>())) {
      JsonNode lib = m.toml().path("lib");
      if (lib.path("harness").isBoolean() && !lib.path("harness").asBoolean()) {
        JsonNode pkg = m.toml().has("package") ? m.toml().path("package")
            : m.toml().path("project");
        String name = lib.path("name").asText(pkg.path("name").asText(""));
        if (!name.isEmpty()) {
          names.add(name.replace('-', '_'));
        }
      }
      for (String kind : TARGET_ARRAYS) {
        for (JsonNode target : m.toml().path(kind)) {
          if (target.path("harness").isBoolean() && !target.path("harness").asBoolean()
              && target.path("name").isTextual()) {
            names.add(target.path("name").asText());
          }
        }
      }
    }
    return Set.copyOf(names);
  }

  /** A parsed manifest: its path relative to the root, its directory, its content. */
  private record Manifest(String file, Path dir, JsonNode toml) {}

  private static List<Manifest> read(Path root, List<ManifestViolation> out) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(root, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isDirectory()) {
            out.add(new ManifestViolation(relative(root, file), "", "the tree is deeper than "
                + MAX_DEPTH + " levels here and was not checked below: flatten it"));
          } else if (file.getFileName().toString().equals("Cargo.toml")) {
            if (found.size() == MAX_MANIFESTS) {
              out.add(new ManifestViolation(relative(root, file), "", "the tree has more than "
                  + MAX_MANIFESTS + " Cargo.toml files; the rest were not checked"));
              return FileVisitResult.TERMINATE;
            }
            found.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          out.add(new ManifestViolation(relative(root, file), "", "cannot be read ("
              + e.getClass().getSimpleName() + "), so the manifests below it were not checked"));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      out.add(new ManifestViolation("", "", "the tree cannot be walked: " + e.getMessage()));
    }
    List<Manifest> manifests = new ArrayList<>();
    for (Path file : found) {
      parse(root, file, out).ifPresent(manifests::add);
    }
    return manifests;
  }

  private static Optional<Manifest> parse(Path root, Path file, List<ManifestViolation> out) {
    String rel = relative(root, file);
    Optional<byte[]> bytes;
    try {
      bytes = SafeFiles.read(root, rel, MAX_MANIFEST_BYTES);
    } catch (IllegalStateException e) {
      out.add(new ManifestViolation(rel, "", "Cargo.toml is larger than " + MAX_MANIFEST_BYTES
          + " bytes: keep manifests small"));
      return Optional.empty();
    }
    if (bytes.isEmpty()) {
      out.add(new ManifestViolation(rel, "", "Cargo.toml is a symlink or not a regular file"
          + " (or lies under a symlinked directory): make it a regular file"));
      return Optional.empty();
    }
    try {
      JsonNode toml = TOML.readTree(new String(bytes.get(), StandardCharsets.UTF_8));
      return Optional.of(new Manifest(rel, file.getParent(), toml));
    } catch (IOException | RuntimeException | StackOverflowError e) {
      // StackOverflowError: a megabyte of nested inline tables must not take the host down.
      String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
      out.add(new ManifestViolation(rel, "", "Cargo.toml does not parse: "
          + Text.lines(message).stream().findFirst().orElse(message)));
      return Optional.empty();
    }
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString();
  }

  /** The checks of one manifest. */
  private static final class Checker {
    private final Path root;
    private final Manifest manifest;
    private final ManifestRules rules;
    private final List<ManifestViolation> out;

    Checker(Path root, Manifest manifest, ManifestRules rules, List<ManifestViolation> out) {
      this.root = root;
      this.manifest = manifest;
      this.rules = rules;
      this.out = out;
    }

    void check() {
      JsonNode toml = manifest.toml();
      for (String table : DEPENDENCY_TABLES) {
        dependencies(toml.path(table), key(table));
      }
      for (Map.Entry<String, JsonNode> target : toml.path("target").properties()) {
        for (String table : DEPENDENCY_TABLES) {
          dependencies(target.getValue().path(table), key("target", target.getKey(), table));
        }
      }
      JsonNode workspace = toml.path("workspace");
      dependencies(workspace.path("dependencies"), key("workspace", "dependencies"));
      overrides(toml.path("patch"), "patch", true);
      overrides(toml.path("replace"), "replace", false);
      for (String section : List.of("package", "project")) {
        JsonNode pkg = toml.path(section);
        for (JsonNode build : pkg.path("build").isArray() ? pkg.path("build")
            : List.of(pkg.path("build"))) {
          path(build, key(section, "build"), "the build script", false);
        }
        path(pkg.path("workspace"), key(section, "workspace"), "the workspace root", false);
      }
      path(toml.path("lib").path("path"), key("lib", "path"), "the library's source", false);
      for (String kind : TARGET_ARRAYS) {
        JsonNode targets = toml.path(kind);
        for (int i = 0; i < targets.size(); i++) {
          path(targets.get(i).path("path"), kind + "[" + i + "].path",
              "the source of [[" + kind + "]] `" + targets.get(i).path("name").asText("?") + "`",
              false);
        }
      }
      for (String list : List.of("members", "default-members")) {
        JsonNode members = workspace.path(list);
        for (int i = 0; i < members.size(); i++) {
          path(members.get(i), key("workspace", list) + "[" + i + "]", "a workspace member",
              true);
        }
      }
    }

    private void overrides(JsonNode section, String name, boolean nested) {
      if (!section.isObject() || section.isEmpty()) {
        return;
      }
      if (!rules.allowPatch()) {
        violation(key(name), "[" + name + "] overrides where dependencies come from and is not"
            + " allowed here: remove it and depend on published versions or on path"
            + " dependencies inside the workspace");
        return;
      }
      if (nested) {
        section.properties().forEach(e -> dependencies(e.getValue(), key(name, e.getKey())));
      } else {
        dependencies(section, key(name));
      }
    }

    private void dependencies(JsonNode table, String tableKey) {
      if (!table.isObject()) {
        return;
      }
      for (Map.Entry<String, JsonNode> e : table.properties()) {
        if (e.getValue().isObject()) {
          dependency(e.getKey(), e.getValue(), tableKey + "." + quote(e.getKey()));
        }
      }
    }

    private void dependency(String name, JsonNode spec, String depKey) {
      if (spec.has("git") && !rules.allowGitSources()) {
        violation(depKey + ".git", "dependency `" + name + "` comes from git ("
            + spec.path("git").asText("?") + "); builds run offline from pre-fetched crates.io"
            + " packages: depend on a published version instead, such as " + name + " = \"1\"");
      }
      if (spec.has("registry")) {
        violation(depKey + ".registry", "dependency `" + name + "` names the registry `"
            + spec.path("registry").asText("?") + "`; only crates.io is available: remove"
            + " `registry`");
      }
      if (spec.has("registry-index")) {
        violation(depKey + ".registry-index", "dependency `" + name + "` names a registry by"
            + " URL; only crates.io is available: remove `registry-index`");
      }
      if (spec.has("base")) {
        violation(depKey + ".base", "dependency `" + name + "` uses a path base, which cargo"
            + " resolves through configuration outside the tree: use a plain relative path");
      }
      path(spec.path("path"), depKey + ".path", "the path of dependency `" + name + "`", false);
    }

    /** Checks a path value relative to the manifest's directory; globs by their literal part. */
    private void path(JsonNode value, String pathKey, String what, boolean glob) {
      if (!value.isTextual() || value.asText().isEmpty()) {
        return;
      }
      String raw = value.asText();
      Path path;
      try {
        path = Path.of(raw);
      } catch (InvalidPathException e) {
        violation(pathKey, "`" + raw + "` is not a valid path: " + what
            + " must be a relative path inside the workspace");
        return;
      }
      if (path.isAbsolute() || raw.startsWith("/") || raw.startsWith("\\")) {
        violation(pathKey, "`" + raw + "` is an absolute path: " + what
            + " must be a relative path inside the workspace");
        return;
      }
      Path resolved = manifest.dir().resolve(path).normalize();
      if (!resolved.startsWith(root)) {
        violation(pathKey, "`" + raw + "` leads outside the workspace: " + what
            + " must stay inside it");
        return;
      }
      Path at = root;
      for (Path segment : root.relativize(resolved)) {
        String name = segment.toString();
        if (glob && GLOB.matcher(name).find()) {
          break;
        }
        if (SKIPPED_DIRS.contains(name)) {
          violation(pathKey, "`" + raw + "` leads into a " + name + "/ directory: " + what
              + " must be checked-in sources, not build output or git internals");
          return;
        }
        at = at.resolve(segment);
        if (Files.isSymbolicLink(at)) {
          violation(pathKey, "`" + raw + "` goes through the symlink `" + relative(root, at)
              + "`: " + what + " must not go through symlinks");
          return;
        }
        if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
          break;
        }
      }
    }

    private void violation(String key, String message) {
      out.add(new ManifestViolation(manifest.file(), key, message));
    }

    private static String key(String... segments) {
      List<String> quoted = new ArrayList<>();
      for (String s : segments) {
        quoted.add(quote(s));
      }
      return String.join(".", quoted);
    }

    private static String quote(String segment) {
      return BARE_KEY.matcher(segment).matches() ? segment : "'" + segment + "'";
    }
  }
}
