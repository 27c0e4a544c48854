package dev.ratchet.rust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.RatchetException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.ratchet.sandbox.CommandEnvironment;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.io.CappedOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Where and how cargo runs for the gates: the host toolchains mounted read-only, a dependency
 * cache fetched once on the host (with the network; fetching runs no build scripts) and mounted
 * read-only, a target directory per crate kept between runs (incremental builds), and the
 * workspace itself read-only, so a build script cannot plant a {@code .cargo/config.toml} runner
 * or rewrite sources between gates. Gates run with {@code --frozen}: no network, no lockfile
 * change.
 *
 * <p>It also sets up the commands a model runs ({@link CommandEnvironment}), with the same
 * toolchains, caches and target directory.
 *
 * <p>Inside the sandbox: the workspace at {@code /workspace}, toolchains under {@code /opt/rust},
 * the dependency cache at {@value #CARGO_HOME}, the target directory at {@value #TARGET}.
 */
public final class CargoEnvironment implements CommandEnvironment {
  /** The cargo home (dependency cache, read-only) inside the sandbox. */
  public static final String CARGO_HOME = "/opt/cargo-home";
  /** The target directory inside the sandbox. */
  public static final String TARGET = "/target";
  private static final String STABLE = "/opt/rust/stable";
  private static final String NIGHTLY = "/opt/rust/nightly";

  /** Which toolchain a command needs. */
  public enum Channel {
    /** Every gate but Miri. */
    STABLE,
    /** Miri. */
    NIGHTLY
  }

  private final RustToolchain toolchain;
  private final Path cacheDir;
  private final int jobs;
  private final Limits limits;

  private CargoEnvironment(Builder b) {
    this.toolchain = b.toolchain != null ? b.toolchain : RustToolchain.detect();
    this.cacheDir = b.cacheDir;
    this.jobs = b.jobs;
    this.limits = b.limits;
  }

  /** Starts an environment with the detected toolchain and {@code ~/.cache/ratchet}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The toolchains. */
  public RustToolchain toolchain() {
    return toolchain;
  }

  /** The limits a gate starts from (each gate may set its own timeout). */
  public Limits limits() {
    return limits;
  }

  /** The host directory of the dependency cache ({@code CARGO_HOME} for {@code cargo fetch}). */
  public Path cargoHome() {
    return cacheDir.resolve("cargo-home");
  }

  /**
   * The host target directory for a workspace: one per crate name, so later runs of the same
   * crate build incrementally (inside the sandbox the crate is always at {@value #WORKSPACE}).
   */
  public Path targetDir(Path workspaceRoot) {
    String name = CrateName.of(workspaceRoot);
    return cacheDir.resolve("targets").resolve(name);
  }

  /** The mounts every cargo command of a workspace gets; sources are created when missing. */
  public List<Mount> mounts(Path workspaceRoot) {
    return mounts(Mount.readOnly(workspaceRoot.toAbsolutePath(), WORKSPACE));
  }

  private List<Mount> mounts(Mount workspace) {
    Path workspaceRoot = workspace.hostPath();
    try {
      Files.createDirectories(cargoHome());
      Files.createDirectories(targetDir(workspaceRoot));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cargo cache under " + cacheDir, e);
    }
    List<Mount> mounts = new ArrayList<>();
    mounts.add(workspace);
    mounts.add(Mount.readOnly(toolchain.stable(), STABLE));
    toolchain.nightly().ifPresent(n -> mounts.add(Mount.readOnly(n, NIGHTLY)));
    mounts.add(Mount.readOnly(cargoHome(), CARGO_HOME));
    mounts.add(Mount.readWrite(targetDir(workspaceRoot), TARGET));
    return mounts;
  }

  /** The environment of a cargo command; nothing of the host's. */
  public Map<String, String> env(Channel channel) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", (channel == Channel.NIGHTLY ? NIGHTLY : STABLE) + "/bin:/usr/bin:/bin");
    env.put("HOME", "/tmp");
    env.put("CARGO_HOME", CARGO_HOME);
    env.put("CARGO_TARGET_DIR", TARGET);
    env.put("CARGO_NET_OFFLINE", "true");
    env.put("CARGO_TERM_COLOR", "never");
    env.put("CARGO_INCREMENTAL", "1");
    env.put("CARGO_BUILD_JOBS", Integer.toString(jobs));
    env.put("RUST_TEST_THREADS", Integer.toString(jobs));
    return env;
  }

  /**
   * A spec for {@code cargo args...} in the workspace, with this environment's mounts and env
   * plus {@code extraEnv}, under {@code limits}.
   */
  public ExecSpec cargo(Path workspaceRoot, Channel channel, List<String> args,
      Map<String, String> extraEnv, Limits limits) {
    List<String> argv = new ArrayList<>();
    argv.add("cargo");
    argv.addAll(args);
    return command(workspaceRoot, channel, argv, extraEnv, limits);
  }

  /** A spec for any command in the workspace with this environment (see {@link #cargo}). */
  public ExecSpec command(Path workspaceRoot, Channel channel, List<String> argv,
      Map<String, String> extraEnv, Limits limits) {
    Map<String, String> env = new LinkedHashMap<>(env(channel));
    env.putAll(extraEnv);
    return ExecSpec.builder(argv).workdir(WORKSPACE).env(env).mounts(mounts(workspaceRoot))
        .limits(limits).build();
  }

  /** A model's command: this environment's toolchains, caches and variables (stable channel). */
  @Override
  public ExecSpec spec(List<String> argv, Mount workspace, Limits limits) {
    return ExecSpec.builder(argv).workdir(WORKSPACE).env(env(Channel.STABLE))
        .mounts(mounts(workspace)).limits(limits).build();
  }

  /**
   * Fetches the workspace's dependencies into the cache, on the host, unless the manifests and
   * lockfile are unchanged since the last fetch. Tries offline first (everything may be cached).
   * Writes {@code Cargo.lock} into the workspace when it has none, as cargo would.
   *
   * @throws RatchetException with cargo's own message when the fetch fails
   */
  public void fetch(Path workspaceRoot) {
    String fingerprint = manifestFingerprint(workspaceRoot);
    Path stamp = cacheDir.resolve("fetched").resolve(fingerprint);
    if (Files.exists(stamp)) {
      return;
    }
    String offline = runHostCargo(workspaceRoot, List.of("fetch", "--offline"));
    if (offline != null) {
      String online = runHostCargo(workspaceRoot, List.of("fetch"));
      if (online != null) {
        throw new RatchetException("cargo fetch failed; the gates cannot build without the"
            + " dependencies:\n" + online);
      }
    }
    shareWithSandboxUser(cargoHome());
    try {
      Files.createDirectories(stamp.getParent());
      // The fetch may have written a lockfile: stamp the state after it.
      Files.writeString(cacheDir.resolve("fetched").resolve(manifestFingerprint(workspaceRoot)),
          workspaceRoot.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the fetch in " + stamp.getParent(), e);
    }
  }

  /**
   * Makes the fetched sources readable by the sandbox user, who is not the user that fetched them:
   * cargo keeps the modes of a package's files, and some packages ship files readable by their
   * owner and group only (fnv 1.0.7 has 0640 files). Adds read (and, for directories, search)
   * permission for others; never follows links.
   */
  private static void shareWithSandboxUser(Path root) {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
            throws IOException {
          widen(dir, true);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (attrs.isRegularFile()) {
            widen(file, false);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the dependency cache readable under " + root, e);
    }
  }

  private static void widen(Path path, boolean directory) throws IOException {
    var perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    boolean changed = perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    if (directory) {
      changed |= perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
    }
    if (changed) {
      Files.setPosixFilePermissions(path, perms);
    }
  }

  /** Runs host cargo; returns null on success, else its output. */
  private String runHostCargo(Path workspaceRoot, List<String> args) {
    List<String> argv = new ArrayList<>();
    argv.add(toolchain.hostCargo().toString());
    argv.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(argv).directory(workspaceRoot.toFile())
        .redirectErrorStream(true);
    pb.environment().put("CARGO_HOME", cargoHome().toString());
    pb.environment().put("PATH", toolchain.stable().resolve("bin") + ":"
        + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().remove("RUSTUP_TOOLCHAIN");
    CappedOutput out = new CappedOutput(64 * 1024);
    try {
      Process p = pb.start();
      Thread pump = new Thread(() -> {
        try (var in = p.getInputStream()) {
          in.transferTo(out);
        } catch (IOException e) {
          // The process died; its exit status tells.
        }
      }, "ratchet-cargo-fetch");
      pump.start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return "cargo " + String.join(" ", args) + " took over 10 minutes";
      }
      pump.join(5000);
      return p.exitValue() == 0 ? null : out.text();
    } catch (IOException e) {
      return "cannot run " + argv.get(0) + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** A digest of every Cargo.toml and Cargo.lock in the tree (never through a link). */
  static String manifestFingerprint(Path root) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
          return !dir.equals(root) && (name.equals("target") || name.equals(".git"))
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String name = file.getFileName().toString();
          if (attrs.isRegularFile() && (name.equals("Cargo.toml") || name.equals("Cargo.lock"))
              && attrs.size() < (8L << 20)) {
            files.put(root.relativize(file).toString(), Files.readAllBytes(file));
          }
          return FileVisitResult.CONTINUE;
        }
      });
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.forEach((path, bytes) -> {
        sha.update(path.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(bytes);
      });
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifests under " + root, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds a {@link CargoEnvironment}. */
  public static final class Builder {
    private RustToolchain toolchain;
    private Path cacheDir = defaultCacheDir();
    private int jobs = Math.max(1, Runtime.getRuntime().availableProcessors());
    private Limits limits = new Limits(Duration.ofMinutes(10), 4L << 30, 1024,
        Runtime.getRuntime().availableProcessors(), 1L << 20);

    private Builder() {}

    /** The toolchains (default: rustup's, detected). */
    public Builder toolchain(RustToolchain toolchain) {
      this.toolchain = Objects.requireNonNull(toolchain, "toolchain");
      return this;
    }

    /** Where dependencies and target directories are kept (default {@code ~/.cache/ratchet}). */
    public Builder cacheDir(Path dir) {
      this.cacheDir = dir.toAbsolutePath();
      return this;
    }

    /** Parallel jobs for cargo and test threads (default: the CPU count). */
    public Builder jobs(int jobs) {
      if (jobs < 1) {
        throw new IllegalArgumentException("jobs must be at least 1");
      }
      this.jobs = jobs;
      return this;
    }

    /** The limits gates start from (default 10 min, 4 GiB, 1024 pids, all CPUs, 1 MiB output). */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Returns the environment. */
    public CargoEnvironment build() {
      return new CargoEnvironment(this);
    }

    private static Path defaultCacheDir() {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
          : Path.of(System.getProperty("user.home"), ".cache");
      return base.resolve("ratchet");
    }
  }

  /** The crate's name from its root manifest (parsed as TOML), made safe as a directory name. */
  static final class CrateName {
    private static final TomlMapper TOML = new TomlMapper();

    private CrateName() {}

    static String of(Path root) {
      String name = "crate";
      Path manifest = root.resolve("Cargo.toml");
      try {
        if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)
            && Files.size(manifest) < (1L << 20)) {
          JsonNode toml = TOML.readTree(manifest.toFile());
          name = toml.path("package").path("name").asText(
              toml.has("workspace") ? "workspace-" + root.getFileName() : name);
        }
      } catch (IOException | RuntimeException e) {
        // An unreadable manifest fails the manifest check; the name only picks a cache folder.
      }
      String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
      return safe.isEmpty() || safe.startsWith(".") ? "crate" : safe;
    }
  }
}
