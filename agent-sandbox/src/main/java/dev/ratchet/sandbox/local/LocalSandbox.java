package dev.ratchet.sandbox.local;

import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.sandbox.SandboxUnavailableException;
import dev.ratchet.sandbox.io.CappedOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands as plain host processes, with <b>no isolation</b>: a command can read and write
 * whatever this user can, and reach the network. Use it only for code you trust (your own crate,
 * fast tests of agent policies); model-written code belongs in {@code DockerSandbox}. Creating one
 * logs a warning, once per JVM.
 *
 * <p>What it does keep of the contract: the environment is exactly the spec's (never this
 * process's), output is capped (head and tail), and the deadline kills the command and every
 * descendant it still has. Mounts cannot be enforced; a mount's container path is mapped to its
 * host path where it starts the working directory, an argument or an environment value.
 */
public final class LocalSandbox implements Sandbox {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSandbox.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private LocalSandbox() {
    if (WARNED.compareAndSet(false, true)) {
      LOG.warn("LocalSandbox runs commands WITHOUT ISOLATION: no network, file or process limits"
          + " beyond a deadline and an output cap. Use it only for trusted code; use"
          + " DockerSandbox for anything a model wrote.");
    }
  }

  /** The explicit opt-in: commands run unisolated on this machine. */
  public static LocalSandbox withoutIsolation() {
    return new LocalSandbox();
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public ExecResult exec(ExecSpec spec) {
    List<Mount> mounts = new ArrayList<>(spec.mounts());
    // Longest container path first, so /work/target maps before /work.
    mounts.sort(Comparator.comparingInt((Mount m) -> m.containerPath().length()).reversed());
    List<String> argv = spec.argv().stream().map(a -> translate(a, mounts)).toList();
    Path workdir = Path.of(translate(spec.workdir(), mounts));
    if (!Files.isDirectory(workdir)) {
      throw new IllegalArgumentException("working directory " + workdir + " does not exist here;"
          + " mount a host directory at " + spec.workdir());
    }
    Map<String, String> env = new LinkedHashMap<>();
    spec.env().forEach((k, v) -> env.put(k, translate(v, mounts)));

    CommandLine line = new CommandLine(argv.get(0));
    for (String arg : argv.subList(1, argv.size())) {
      line.addArgument(arg, false); // never re-quoted (java-deps.md G11)
    }
    CappedOutput stdout = new CappedOutput(spec.limits().outputBytes());
    CappedOutput stderr = new CappedOutput(spec.limits().outputBytes());
    PumpStreamHandler pumps = new PumpStreamHandler(stdout, stderr);
    // A descendant that escaped the kill can hold the pipes; stop pumping after that long.
    pumps.setStopTimeout(Duration.ofSeconds(2));
    AtomicReference<Process> started = new AtomicReference<>();
    DefaultExecutor executor = DefaultExecutor.builder().setWorkingDirectory(workdir).get();
    executor.setStreamHandler(pumps);
    executor.setExitValues(null);
    executor.setProcessDestroyer(new Capture(started));

    DefaultExecuteResultHandler done = new DefaultExecuteResultHandler();
    long start = System.nanoTime();
    boolean timedOut = false;
    try {
      executor.execute(line, env, done);
      done.waitFor(spec.limits().timeout());
      if (!done.hasResult()) {
        timedOut = true;
        killTree(started.get());
        done.waitFor(Duration.ofSeconds(5));
      }
    } catch (IOException e) {
      throw new SandboxUnavailableException("cannot start " + argv.get(0) + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killTree(started.get());
      throw new SandboxUnavailableException("interrupted while " + argv + " ran; it was killed",
          e);
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - start);
    int exit = timedOut ? 137 : exitValue(done, argv);
    Set<ExecResult.Limit> hit = EnumSet.noneOf(ExecResult.Limit.class);
    if (timedOut) {
      hit.add(ExecResult.Limit.TIME);
    }
    long dropped = stdout.dropped() + stderr.dropped();
    if (dropped > 0) {
      hit.add(ExecResult.Limit.OUTPUT);
    }
    return new ExecResult(exit, stdout.text(), stderr.text(), duration, hit, dropped);
  }

  private static int exitValue(DefaultExecuteResultHandler done, List<String> argv) {
    ExecuteException failure = done.getException();
    // A process that never started fails with the launcher's IOException as the cause.
    if (failure != null && failure.getCause() instanceof IOException launch) {
      throw new SandboxUnavailableException("cannot run " + argv.get(0) + ": "
          + launch.getMessage(), launch);
    }
    if (!done.hasResult()) {
      throw new SandboxUnavailableException("no exit status for " + argv + " after its kill");
    }
    return done.getExitValue();
  }

  /**
   * Kills the process and every descendant it has now: the parent first, so a shell cannot run
   * its next command when its child dies (the descendants are listed before, and so are still
   * found after they are re-parented).
   */
  private static void killTree(Process process) {
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  private static String translate(String value, List<Mount> mounts) {
    for (Mount m : mounts) {
      String c = m.containerPath();
      if (value.equals(c)) {
        return m.hostPath().toString();
      }
      if (value.startsWith(c.endsWith("/") ? c : c + "/")) {
        return m.hostPath().resolve(value.substring(c.length()).replaceFirst("^/+", ""))
            .toString();
      }
    }
    return value;
  }

  /** Commons Exec hands the started process to its destroyer; that is how we get hold of it. */
  private static final class Capture implements ProcessDestroyer {
    private final AtomicReference<Process> started;

    Capture(AtomicReference<Process> started) {
      this.started = started;
    }

    @Override
    public boolean add(Process process) {
      started.set(process);
      return true;
    }

    @Override
    public boolean remove(Process process) {
      return true;
    }

    @Override
    public int size() {
      return started.get() == null ? 0 : 1;
    }
  }
}
