package dev.ratchet.sandbox.docker;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.sandbox.io.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands in hardened Docker containers, through the Engine API (docker-java).
 *
 * <p>Every container is created fail-closed: network mode {@code none}; Ratchet's seccomp profile
 * (which also refuses {@code socket(AF_VSOCK)}, {@code io_uring} and namespace creation); a
 * read-only root filesystem; all capabilities dropped; {@code no-new-privileges}; an init process;
 * a non-root user; memory equal to memory plus swap; CPU and pids limits; an executable {@code /tmp}
 * tmpfs sized inside the memory limit; no IPC namespace sharing (so no {@code /dev/shm}); {@code
 * fsize} and {@code nofile} ulimits; log driver {@code none}; and an environment that holds only
 * what the {@link ExecSpec} passes. Mounts are exactly the spec's.
 *
 * <p>{@link #exec} uses a fresh container per command. {@link #openSession} keeps one warm
 * container for several commands (a gate pipeline) with fixed mounts; it kills what each command
 * leaves running. In both, a deadline kills the container through the API: the command and all of
 * its children are gone at once, whatever signals they ignore.
 *
 * <p>Every container carries Ratchet's labels. On start and on close, containers left by Ratchet
 * processes that no longer exist on this host are removed, selected by label only; nothing else on
 * the daemon is touched.
 *
 * <pre>{@code
 * try (DockerSandbox docker = DockerSandbox.builder("ratchet/debian-gcc:bookworm").build()) {
 *   ExecResult r = docker.exec(ExecSpec.builder("cargo", "--version").build());
 * }
 * }</pre>
 */
public final class DockerSandbox implements Sandbox {

  private final DockerEngine engine;
  private final SandboxSettings settings;
  private final Set<dev.ratchet.sandbox.docker.Container> live = ConcurrentHashMap.newKeySet();
  private final Map<Shape, Future<dev.ratchet.sandbox.docker.Container>> spares =
      new LinkedHashMap<>();
  private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ratchet-sandbox-background");
    t.setDaemon(true);
    return t;
  });
  private final boolean prestart;
  private final Thread shutdownHook;

  /** What a container is made for: its mounts and the limits set at creation. */
  private record Shape(List<Mount> mounts, long memoryBytes, int pids, double cpus) {
    static Shape of(List<Mount> mounts, Limits limits) {
      return new Shape(List.copyOf(mounts), limits.memoryBytes(), limits.pids(), limits.cpus());
    }
  }

  /** At most this many idle spare containers wait at a time. */
  private static final int MAX_SPARES = 2;

  private DockerSandbox(DockerEngine engine, SandboxSettings settings, boolean prestart) {
    this.engine = engine;
    this.settings = settings;
    this.prestart = prestart;
    this.shutdownHook = new Thread(this::removeLive, "ratchet-sandbox-cleanup");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a sandbox on the given image (which must exist on the daemon). */
  public static Builder builder(String image) {
    return new Builder(image);
  }

  /**
   * Runs one command in a container no other command used, killed and removed afterwards. While
   * it runs, the next container for the same mounts and limits is started in the background (see
   * {@link Builder#prestart}), so a series of commands does not wait for container starts.
   */
  @Override
  public ExecResult exec(ExecSpec spec) {
    prepareMounts(spec.mounts());
    Shape shape = Shape.of(spec.mounts(), spec.limits());
    var container = takeSpare(shape);
    if (container == null) {
      container = start(spec.mounts(), spec.limits());
    }
    if (prestart) {
      prestart(shape, spec.mounts(), spec.limits());
    }
    try {
      return container.exec(spec, false);
    } finally {
      // Kill now, so nothing the command left behind touches its mounts after this returns;
      // removal can wait.
      container.kill();
      var used = container;
      background.execute(() -> release(used));
    }
  }

  /**
   * Opens a warm container with fixed mounts, for several commands in a row. A command whose
   * mounts are not all among these runs in a fresh container instead; memory, pids and CPU follow
   * each command's limits.
   */
  public Session openSession(List<Mount> mounts, Limits limits) {
    prepareMounts(mounts);
    return new Session(List.copyOf(mounts), limits);
  }

  /** Asks the daemon whether it answers; throws when it does not. */
  void ping() {
    engine.client().pingCmd().exec();
  }

  /** {@code DOCKER_HOST} when set, else the local socket {@code unix:///var/run/docker.sock}. */
  public static String defaultDockerHost() {
    return DockerEngine.defaultHost();
  }

  /** The daemon this sandbox talks to. */
  public String dockerHost() {
    return engine.host();
  }

  /** The image every container runs. */
  public String image() {
    return settings.image();
  }

  @Override
  public String name() {
    return "docker";
  }

  /**
   * Removes containers left by Ratchet processes that died on this host (killed, crashed), found
   * by label. Returns how many were removed.
   */
  public int reap() {
    int removed = 0;
    List<Container> labelled = engine.client().listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(Labels.MANAGED, "true"))
        .exec();
    for (Container c : labelled) {
      String owner = c.getLabels() == null ? null : c.getLabels().get(Labels.OWNER);
      if (owner != null && Labels.ownerIsDead(owner)) {
        try {
          engine.client().removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true)
              .exec();
          removed++;
        } catch (NotFoundException e) {
          // Another process reaped it first.
        }
      }
    }
    return removed;
  }

  /**
   * Deletes a directory that sandboxed commands wrote to: first from this process, without
   * following links; what this user may not remove (files of the sandbox user in directories it
   * locked) is then removed by a container running as the sandbox user. Returns whether the
   * directory is gone.
   */
  public boolean deleteTree(Path dir) {
    if (SafeFiles.deleteTree(dir)) {
      return true;
    }
    deleteInsideSandbox(dir);
    return SafeFiles.deleteTree(dir);
  }

  /** Empties {@code dir} from a container running as the sandbox user. */
  void deleteInsideSandbox(Path dir) {
    ExecResult r = exec(ExecSpec.builder("/bin/sh", "-c",
            "chmod -R u+rwX /doomed 2>/dev/null; find /doomed -mindepth 1 -delete")
        .mount(Mount.readWrite(dir, "/doomed"))
        .limits(Limits.defaults().withTimeout(Duration.ofMinutes(2)))
        .build());
    if (r.exitCode() != 0) {
      throw new IllegalStateException("could not empty " + dir + " from the sandbox ("
          + r.describe() + "): " + r.stderr().strip());
    }
  }

  /** Removes this sandbox's containers and those of dead Ratchet processes, then disconnects. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down; the hook runs the same cleanup.
    }
    background.shutdown();
    try {
      background.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    removeLive();
    try {
      reap();
    } catch (DockerException | com.github.dockerjava.api.exception.DockerClientException e) {
      // The daemon went away; the next start reaps.
    }
    engine.close();
  }

  DockerEngine engine() {
    return engine;
  }

  private dev.ratchet.sandbox.docker.Container start(List<Mount> mounts, Limits limits) {
    var container = dev.ratchet.sandbox.docker.Container.start(engine, settings, mounts, limits);
    live.add(container);
    return container;
  }

  /** A started spare for this shape, or null. */
  private dev.ratchet.sandbox.docker.Container takeSpare(Shape shape) {
    Future<dev.ratchet.sandbox.docker.Container> future;
    synchronized (spares) {
      future = spares.remove(shape);
    }
    if (future == null) {
      return null;
    }
    try {
      var spare = future.get();
      if (spare.alive()) {
        return spare;
      }
      release(spare);
    } catch (ExecutionException e) {
      // The background start failed; a start in the caller's thread reports why.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  private void prestart(Shape shape, List<Mount> mounts, Limits limits) {
    synchronized (spares) {
      if (spares.containsKey(shape) || background.isShutdown()) {
        return;
      }
      if (spares.size() >= MAX_SPARES) {
        var eldest = spares.keySet().iterator().next();
        var evicted = spares.remove(eldest);
        background.execute(() -> {
          try {
            release(evicted.get());
          } catch (ExecutionException | InterruptedException | RuntimeException e) {
            // It never started, or is gone.
          }
        });
      }
      spares.put(shape, background.submit(() -> start(mounts, limits)));
    }
  }

  private void release(dev.ratchet.sandbox.docker.Container container) {
    live.remove(container);
    container.close();
  }

  private void removeLive() {
    for (var c : List.copyOf(live)) {
      try {
        release(c);
      } catch (RuntimeException e) {
        // Best effort at exit; the reaper of the next process removes what is left.
      }
    }
  }

  /**
   * Checks mount sources before Docker sees them: a missing source would be created as an empty
   * root-owned directory. A writable mount must be writable by the sandbox user; when this
   * process is root, its top directory is handed to that user.
   */
  private void prepareMounts(List<Mount> mounts) {
    if (!engine.local()) {
      return;
    }
    for (Mount m : mounts) {
      Path source = m.hostPath();
      if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalArgumentException("mount source " + source + " does not exist; create it"
            + " before mounting it at " + m.containerPath());
      }
      if (m.readOnly()) {
        requireReadable(source, m);
        continue;
      }
      if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        PosixFileAttributes attrs = Files.readAttributes(source, PosixFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        int uid = (Integer) Files.getAttribute(source, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        boolean worldWritable = attrs.permissions().contains(
            java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
        if (uid != settings.execUid() && !worldWritable && isRoot()) {
          // Once, when the mount is new to the sandbox user: everything in it (a scratch copy
          // made by this process holds root-owned files the command must rewrite).
          handOver(source);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare writable mount " + source, e);
      }
    }
  }

  /**
   * Refuses a read-only mount whose top the sandbox user could not open: the command would see an
   * empty or unreadable directory and fail in confusing ways.
   */
  private void requireReadable(Path source, Mount m) {
    try {
      int uid = (Integer) Files.getAttribute(source, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      var perms = Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS);
      boolean dir = Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS);
      boolean others = perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
          && (!dir || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE));
      if (uid != settings.execUid() && !others) {
        throw new IllegalArgumentException("mount source " + source + " (mode "
            + java.nio.file.attribute.PosixFilePermissions.toString(perms) + ") cannot be read by"
            + " the sandbox user " + settings.execUser() + ": make it readable by others"
            + " (chmod o+rx) or mount a readable copy at " + m.containerPath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect mount source " + source, e);
    }
  }

  /** Gives a tree to the sandbox user, never following links. */
  private void handOver(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(p, "unix:uid", settings.execUid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", settings.execGid(), LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * A warm container for several commands with the same mounts. A command that hits its deadline
   * is killed with everything it started and the container stays warm; when the container itself
   * had to be killed (its runner did not answer), the next command starts a new one (the mounts,
   * and so any build cache in them, stay).
   */
  public final class Session implements Sandbox {
    private final List<Mount> mounts;
    private Limits limits;
    private dev.ratchet.sandbox.docker.Container container;
    private boolean closed;

    private Session(List<Mount> mounts, Limits limits) {
      this.mounts = mounts;
      this.limits = limits;
    }

    @Override
    public synchronized ExecResult exec(ExecSpec spec) {
      if (closed) {
        throw new IllegalStateException("this session is closed; open a new one");
      }
      if (!mounts.containsAll(spec.mounts())) {
        // This container cannot see that directory: run the command in a fresh one instead.
        return DockerSandbox.this.exec(spec);
      }
      if (container == null || !container.alive()) {
        if (container != null) {
          release(container);
        }
        limits = spec.limits();
        container = start(mounts, limits);
      }
      return container.exec(spec, true);
    }

    @Override
    public String name() {
      return "docker-session";
    }

    /** The id of the current container, for diagnostics. */
    public synchronized String containerId() {
      return container == null ? "" : container.id();
    }

    @Override
    public synchronized void close() {
      closed = true;
      if (container != null) {
        release(container);
        container = null;
      }
    }
  }

  /** Builds a {@link DockerSandbox}. */
  public static final class Builder {
    private final String image;
    private String dockerHost = DockerEngine.defaultHost();
    private Optional<Path> tlsCertDir = Optional.empty();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private String execUser = defaultExecUser();
    private String idleUser = "65533:65533";
    private String seccompProfile = defaultSeccompProfile();
    private long tmpfsBytes = 512L << 20;
    private long fileSizeBytes = 1L << 30;
    private int openFiles = 4096;
    private String runtime = "";
    private boolean reapOnStart = true;
    private boolean prestart = true;
    private boolean hostCgroups = true;

    private Builder(String image) {
      this.image = Objects.requireNonNull(image, "image");
    }

    /** The daemon: {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}; default {@code
     * DOCKER_HOST} or the local socket. */
    public Builder dockerHost(String host) {
      this.dockerHost = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Talks to the daemon over TLS, verifying it, with the client certificate, key and CA in
     * {@code certDir} ({@code cert.pem}, {@code key.pem}, {@code ca.pem}: Docker's layout for
     * {@code DOCKER_CERT_PATH}). Default: as {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}
     * say.
     */
    public Builder tls(Path certDir) {
      this.tlsCertDir = Optional.of(certDir.toAbsolutePath());
      return this;
    }

    /** How long to wait for the daemon to answer before reporting it unavailable (default 5 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * The {@code uid:gid} commands run as; default this process's uid when it is not root, else
     * 65534 (nobody). Never 0.
     */
    public Builder user(String uidGid) {
      if (!uidGid.matches("\\d+(:\\d+)?") || uidGid.split(":")[0].equals("0")) {
        throw new IllegalArgumentException("user must be a numeric non-root uid[:gid], got "
            + uidGid);
      }
      this.execUser = uidGid.contains(":") ? uidGid : uidGid + ":" + uidGid;
      return this;
    }

    /** Replaces Ratchet's seccomp profile (a Docker seccomp JSON document). */
    public Builder seccompProfile(String json) {
      this.seccompProfile = Objects.requireNonNull(json, "json");
      return this;
    }

    /** The size of {@code /tmp}; it is also held to half the memory limit (default 512 MiB). */
    public Builder tmpfsBytes(long bytes) {
      this.tmpfsBytes = bytes;
      return this;
    }

    /** The largest file a command may write (the {@code fsize} ulimit; default 1 GiB). */
    public Builder fileSizeBytes(long bytes) {
      this.fileSizeBytes = bytes;
      return this;
    }

    /** The {@code nofile} ulimit (default 4096). */
    public Builder openFiles(int count) {
      this.openFiles = count;
      return this;
    }

    /** An OCI runtime registered with the daemon, such as {@code runsc}; default the daemon's. */
    public Builder runtime(String name) {
      this.runtime = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Whether to remove dead Ratchet processes' containers when built (default true). */
    public Builder reapOnStart(boolean reap) {
      this.reapOnStart = reap;
      return this;
    }

    /**
     * Whether {@link DockerSandbox#exec} starts the next container in the background while a
     * command runs (default true): one idle container per recent mounts-and-limits shape (at
     * most two) waits, and is removed on close.
     */
    public Builder prestart(boolean prestart) {
      this.prestart = prestart;
      return this;
    }

    /**
     * Whether cgroup counters may be read from this host's files when the daemon is local
     * (default true); otherwise a trusted command reads them inside the container, as for a
     * remote daemon. For tests of that path.
     */
    Builder hostCgroups(boolean allowed) {
      this.hostCgroups = allowed;
      return this;
    }

    /**
     * Connects to the daemon; throws {@link dev.ratchet.sandbox.SandboxUnavailableException} when
     * none answers within the connect timeout.
     */
    public DockerSandbox build() {
      DockerEngine engine = DockerEngine.connect(dockerHost, tlsCertDir, connectTimeout);
      DockerSandbox sandbox = new DockerSandbox(engine, new SandboxSettings(image, execUser,
          idleUser, seccompProfile, tmpfsBytes, fileSizeBytes, openFiles, runtime, hostCgroups),
          prestart);
      if (reapOnStart) {
        sandbox.reap();
      }
      return sandbox;
    }

    private static String defaultExecUser() {
      try {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return uid == 0 ? "65534:65534" : uid + ":" + uid;
      } catch (IOException | RuntimeException e) {
        return "65534:65534";
      }
    }
  }

  /** Ratchet's seccomp profile, shipped in this jar. */
  static String defaultSeccompProfile() {
    return bundled("seccomp.json");
  }

  /** A text file shipped in this jar next to these classes. */
  static String bundled(String name) {
    try (InputStream in = DockerSandbox.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the agent-sandbox jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
