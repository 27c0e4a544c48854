package dev.ratchet.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.SandboxUnavailableException;
import dev.ratchet.sandbox.io.CappedOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One hardened container that runs commands with {@code exec}: its main process only idles (as a
 * user the commands cannot signal), so the container outlives each command and the cgroup counters
 * that prove an OOM kill or a refused fork can be read after it.
 *
 * <p>A deadline kills the whole container through the API, which takes every process with it at
 * once, including those that ignore SIGTERM; the container is then dead and {@link #alive()} says
 * so. Not thread-safe: one command at a time.
 */
final class Container implements AutoCloseable {

  /** 128 + SIGKILL, what a killed process reports. */
  static final int KILLED = 137;
  /** 128 + SIGXFSZ, what a process killed at the file size limit reports. */
  private static final int FILE_TOO_LARGE = 153;
  /**
   * Kills what a command left running (daemons, background jobs), so the next command starts
   * clean. {@code kill -1} reaches every process of the exec user but the caller; the idle process
   * runs as another user and survives.
   */
  static final String KILL_LEFTOVERS = "kill -KILL -1 2>/dev/null; exit 0";

  private final DockerClient client;
  private final SandboxSettings settings;
  private final List<Mount> mounts;
  private final String id;
  private final CgroupCounters counters;
  private Limits applied;
  private CgroupCounters.Sample last;
  private boolean alive = true;
  private Runner runner;

  /** Whether each image (by name) holds {@link Runner#PATH}: asked once per image. */
  private static final Map<String, Boolean> RUNNER_IN_IMAGE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Container(DockerClient client, SandboxSettings settings, List<Mount> mounts, String id,
      CgroupCounters counters, Limits applied) {
    this.client = client;
    this.settings = settings;
    this.mounts = mounts;
    this.id = id;
    this.counters = counters;
    this.applied = applied;
  }

  /** Creates and starts a container with the given mounts, sized for {@code limits}. */
  static Container start(DockerEngine engine, SandboxSettings settings, List<Mount> mounts,
      Limits limits) {
    DockerClient client = engine.client();
    String id;
    try {
      id = client.createContainerCmd(settings.image())
          .withName("ratchet-" + Long.toHexString(System.nanoTime()) + "-"
              + Integer.toHexString((int) (Math.random() * 0xFFFF)))
          .withCmd("sleep", "2147483647")
          .withUser(settings.idleUser())
          .withWorkingDir("/")
          .withEnv(List.of())
          .withLabels(Labels.container())
          .withNetworkDisabled(true)
          .withHostConfig(hostConfig(settings, mounts, limits))
          .exec()
          .getId();
    } catch (NotFoundException e) {
      throw new SandboxUnavailableException("sandbox image " + settings.image() + " is missing"
          + " from the Docker daemon: build it (ratchet image build) or name an image that exists",
          e);
    }
    try {
      client.startContainerCmd(id).exec();
    } catch (DockerException e) {
      remove(client, id);
      throw new SandboxUnavailableException("the Docker daemon refused to start a sandbox"
          + " container from " + settings.image() + ": " + e.getMessage(), e);
    }
    CgroupCounters counters = CgroupCounters.locate(engine, id, settings.execUid(),
        settings.hostCgroups());
    Container container = new Container(client, settings, List.copyOf(mounts), id, counters,
        limits);
    container.last = counters.sample(container, false);
    return container;
  }

  private static HostConfig hostConfig(SandboxSettings settings, List<Mount> mounts,
      Limits limits) {
    long memory = limits.memoryBytes();
    // tmpfs pages are charged to the container's memory: keep /tmp well inside the limit.
    long tmpfs = Math.max(1L << 20, Math.min(settings.tmpfsBytes(), memory / 2));
    List<Bind> binds = new ArrayList<>();
    for (Mount m : mounts) {
      binds.add(new Bind(m.hostPath().toString(), new Volume(m.containerPath()),
          m.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    HostConfig config = HostConfig.newHostConfig()
        .withNetworkMode("none")
        .withReadonlyRootfs(true)
        .withTmpFs(Map.of("/tmp", "rw,exec,nosuid,nodev,size=" + tmpfs))
        .withIpcMode("none")
        .withMemory(memory)
        .withMemorySwap(memory)
        .withNanoCPUs(nanoCpus(limits))
        .withPidsLimit((long) limits.pids())
        .withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges", "seccomp=" + settings.seccompProfile()))
        .withInit(true)
        .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
        .withUlimits(List.of(
            new Ulimit("fsize", settings.fileSizeBytes(), settings.fileSizeBytes()),
            new Ulimit("nofile", (long) settings.openFiles(), (long) settings.openFiles())))
        .withBinds(binds);
    if (!settings.runtime().isEmpty()) {
      config.withRuntime(settings.runtime());
    }
    return config;
  }

  /**
   * The CPU quota in nano-CPUs; none (0) when the limit is every CPU of the machine, where a
   * quota limits nothing and only adds throttling of short bursts.
   */
  private static long nanoCpus(Limits limits) {
    if (limits.cpus() >= Runtime.getRuntime().availableProcessors()) {
      return 0;
    }
    return Math.round(limits.cpus() * 1_000_000_000L);
  }

  String id() {
    return id;
  }

  List<Mount> mounts() {
    return mounts;
  }

  boolean alive() {
    return alive;
  }

  /**
   * Runs one command to its end or its deadline. With {@code keepWarm}, processes it left running
   * are killed so that the next command starts clean.
   */
  ExecResult exec(ExecSpec spec, boolean keepWarm) {
    if (!alive) {
      throw new IllegalStateException("container " + id + " was killed; start a new one");
    }
    if (spec.network()) {
      throw new IllegalArgumentException("the Docker sandbox never grants network access;"
          + " fetch dependencies on the host before sandboxed commands run");
    }
    applyLimits(spec.limits());
    CgroupCounters.Sample before = last;
    long start = System.nanoTime();
    Streams streams = new Streams(spec.limits().outputBytes());
    Runner runner = keepWarm ? runner() : null;
    Ended ended = runner != null ? runWithRunner(runner, spec, streams)
        : runWithExec(spec, streams);
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    Set<ExecResult.Limit> hit = EnumSet.noneOf(ExecResult.Limit.class);
    if (ended.timedOut()) {
      hit.add(ExecResult.Limit.TIME);
    }
    if (alive) {
      // The runner kills what a command leaves behind, and counts as a process itself.
      boolean runnerCleaned = runner != null && runner.alive();
      CgroupCounters.Sample after = counters.sample(this, keepWarm && !runnerCleaned);
      last = after;
      if (after.oomKills() > before.oomKills()) {
        hit.add(ExecResult.Limit.MEMORY);
      }
      if (after.pidsRefused() > before.pidsRefused()) {
        hit.add(ExecResult.Limit.PIDS);
      }
      if (ended.exitCode() == FILE_TOO_LARGE) {
        hit.add(ExecResult.Limit.FILE_SIZE);
      }
      if (keepWarm && !runnerCleaned && after.leftovers() > 0) {
        probe("/bin/sh", "-c", KILL_LEFTOVERS);
      }
    }
    long dropped = streams.stdout.dropped() + streams.stderr.dropped();
    if (dropped > 0) {
      hit.add(ExecResult.Limit.OUTPUT);
    }
    return new ExecResult(ended.exitCode(), streams.stdout.text(), streams.stderr.text(),
        duration, hit, dropped);
  }

  /** How a command ended: its exit code, or the deadline. */
  record Ended(int exitCode, boolean timedOut) {}

  /** One {@code docker exec} for the command. */
  private Ended runWithExec(ExecSpec spec, Streams streams) {
    String execId;
    try {
      execId = client.execCreateCmd(id)
          .withCmd(spec.argv().toArray(String[]::new))
          .withUser(settings.execUser())
          .withEnv(environment(spec.env()))
          .withWorkingDir(spec.workdir())
          .withAttachStdin(false)
          .withAttachStdout(true)
          .withAttachStderr(true)
          .withTty(false)
          .exec()
          .getId();
    } catch (DockerException e) {
      throw new SandboxUnavailableException("the sandbox could not start " + spec.argv() + ": "
          + e.getMessage(), e);
    }
    boolean timedOut;
    try (streams) {
      client.execStartCmd(execId).withDetach(false).withTty(false).exec(streams);
      timedOut = !streams.awaitCompletion(spec.limits().timeout().toMillis(),
          TimeUnit.MILLISECONDS);
      if (timedOut) {
        kill();
        streams.awaitCompletion(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      throw interrupted(spec, e);
    } catch (java.io.IOException e) {
      throw new SandboxUnavailableException("lost the output of " + spec.argv(), e);
    }
    return new Ended(timedOut ? KILLED : exitCode(execId), timedOut);
  }

  /** The command as a message to the container's runner. */
  private Ended runWithRunner(Runner runner, ExecSpec spec, Streams streams) {
    try {
      Ended ended = runner.run(spec, streams.stdout, streams.stderr,
          spec.limits().timeout().toMillis());
      if (!runner.alive()) {
        // The command killed the runner: the next command gets a new one, and exec() kills
        // what this one left running the slow way, as after a docker exec.
        this.runner = null;
      }
      return ended;
    } catch (java.util.concurrent.TimeoutException e) {
      // The runner did not answer even after the deadline: a command stopped it.
      kill();
      return new Ended(KILLED, true);
    } catch (InterruptedException e) {
      throw interrupted(spec, e);
    } catch (java.io.IOException e) {
      kill();
      throw new SandboxUnavailableException("lost the sandbox runner while " + spec.argv()
          + " ran; the container was killed", e);
    }
  }

  /** The container dies with the interrupted command; the caller learns why. */
  private SandboxUnavailableException interrupted(ExecSpec spec, InterruptedException e) {
    Thread.currentThread().interrupt();
    kill();
    return new SandboxUnavailableException("interrupted while " + spec.argv() + " ran; the"
        + " sandbox container was killed", e);
  }

  /**
   * This container's runner, started on first use; none when the image has no runner (an image
   * built elsewhere), and then commands go by {@code docker exec}.
   */
  private Runner runner() {
    if (runner == null && RUNNER_IN_IMAGE.computeIfAbsent(settings.image(),
        image -> probe("/bin/sh", "-c", "test -x " + Runner.PATH + " && echo yes").strip()
            .equals("yes"))) {
      try {
        runner = Runner.start(client, id, settings.execUser());
      } catch (java.io.IOException | DockerException e) {
        throw new SandboxUnavailableException("the sandbox runner did not start: "
            + e.getMessage(), e);
      }
    }
    return runner;
  }

  /** Runs a short trusted command as the exec user and returns its standard output. */
  String probe(String... argv) {
    String execId = client.execCreateCmd(id)
        .withCmd(argv)
        .withUser(settings.execUser())
        .withEnv(List.of())
        .withAttachStdout(true)
        .withAttachStderr(true)
        .exec()
        .getId();
    try (Streams streams = new Streams(64 * 1024)) {
      client.execStartCmd(execId).exec(streams);
      if (!streams.awaitCompletion(30, TimeUnit.SECONDS)) {
        kill();
        throw new SandboxUnavailableException("the sandbox did not answer a probe in 30 s;"
            + " the container was killed");
      }
      return streams.stdout.text();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxUnavailableException("interrupted while probing the sandbox", e);
    } catch (java.io.IOException e) {
      throw new SandboxUnavailableException("lost a probe's output", e);
    }
  }

  private List<String> environment(Map<String, String> env) {
    List<String> list = new ArrayList<>(env.size());
    env.forEach((k, v) -> list.add(k + "=" + v));
    return list;
  }

  private int exitCode(String execId) {
    // The stream can end a moment before the daemon records the exit code.
    for (int attempt = 0; attempt < 200; attempt++) {
      var inspect = client.inspectExecCmd(execId).exec();
      if (!Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null) {
        return (int) (long) inspect.getExitCodeLong();
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new SandboxUnavailableException("the Docker daemon did not report how exec " + execId
        + " ended");
  }

  private void applyLimits(Limits wanted) {
    if (wanted.memoryBytes() == applied.memoryBytes() && wanted.pids() == applied.pids()
        && wanted.cpus() == applied.cpus()) {
      return;
    }
    client.updateContainerCmd(id)
        .withMemory(wanted.memoryBytes())
        .withMemorySwap(wanted.memoryBytes())
        .withNanoCPUs(nanoCpus(wanted))
        .withPidsLimit((long) wanted.pids())
        .exec();
    applied = wanted;
  }

  /** Kills every process in the container at once (SIGKILL through the API). */
  void kill() {
    alive = false;
    closeRunner();
    try {
      client.killContainerCmd(id).exec();
    } catch (NotFoundException | ConflictException e) {
      // Already gone or already stopped: nothing runs any more.
    }
  }

  @Override
  public void close() {
    alive = false;
    closeRunner();
    remove(client, id);
  }

  private void closeRunner() {
    if (runner != null) {
      runner.close();
      runner = null;
    }
  }

  private static void remove(DockerClient client, String id) {
    try {
      client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // Already removed.
    } catch (ConflictException e) {
      // Removal already in progress.
    }
  }

  /** Collects an exec's two streams, each capped, without ever blocking the producer. */
  private static final class Streams extends ResultCallback.Adapter<Frame> {
    final CappedOutput stdout;
    final CappedOutput stderr;

    Streams(long cap) {
      this.stdout = new CappedOutput(cap);
      this.stderr = new CappedOutput(cap);
    }

    @Override
    public void onNext(Frame frame) {
      switch (frame.getStreamType()) {
        case STDOUT, RAW -> stdout.write(frame.getPayload(), 0, frame.getPayload().length);
        case STDERR -> stderr.write(frame.getPayload(), 0, frame.getPayload().length);
        default -> { }
      }
    }
  }
}
