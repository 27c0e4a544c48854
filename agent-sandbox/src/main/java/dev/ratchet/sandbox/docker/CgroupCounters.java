package dev.ratchet.sandbox.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's own counts of what a container's limits refused: OOM kills (a 137 exit is not
 * proof, and a child's OOM kill can leave its parent's exit at 0) and refused forks (a fork bomb
 * exits 0 too).
 *
 * <p>When the daemon runs on this machine the counters are read from the host's cgroup files,
 * found through the container's main process; otherwise a trusted command inside the container
 * reads them (the root filesystem is read-only, so it cannot have been replaced), and also kills
 * leftovers of the last command.
 */
final class CgroupCounters {

  /**
   * Counts at one moment; {@code leftovers} is the number of live processes besides the idle ones
   * (zombies waiting to be reaped do not count).
   */
  record Sample(long oomKills, long pidsRefused, long leftovers) {}

  private static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final String IN_CONTAINER_FILES = "/sys/fs/cgroup/memory/memory.oom_control"
      + " /sys/fs/cgroup/memory.events /sys/fs/cgroup/pids/pids.events /sys/fs/cgroup/pids.events";

  private final List<Path> memoryEvents;
  private final List<Path> pidsEvents;
  private final Optional<Path> procs;
  private final String execUid;

  private CgroupCounters(List<Path> memoryEvents, List<Path> pidsEvents, Optional<Path> procs,
      String execUid) {
    this.memoryEvents = memoryEvents;
    this.pidsEvents = pidsEvents;
    this.procs = procs;
    this.execUid = execUid;
  }

  /** Finds the container's cgroup files on this host, or settles for reading them inside. */
  static CgroupCounters locate(DockerEngine engine, String containerId, int execUid,
      boolean allowHost) {
    CgroupCounters inside = new CgroupCounters(List.of(), List.of(), Optional.empty(), "");
    if (!allowHost || !engine.local()) {
      return inside;
    }
    Long pid = engine.client().inspectContainerCmd(containerId).exec().getState().getPidLong();
    if (pid == null || pid <= 0) {
      return inside;
    }
    try {
      Path memory = null;
      Path pids = null;
      Path unified = null;
      for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "cgroup"))) {
        String[] parts = line.split(":", 3);
        if (parts.length != 3) {
          continue;
        }
        String path = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
        List<String> controllers = List.of(parts[1].split(","));
        if (parts[0].equals("0") && parts[1].isEmpty()) {
          unified = ROOT.resolve(path);
        } else if (controllers.contains("memory")) {
          memory = ROOT.resolve("memory").resolve(path);
        } else if (controllers.contains("pids")) {
          pids = ROOT.resolve("pids").resolve(path);
        }
      }
      // Pure cgroup v2: one directory holds every controller. On a v1 or hybrid host the "0::"
      // line names the (controller-less) unified tree, which has no counters.
      if (memory == null && pids == null && unified != null) {
        memory = unified;
        pids = unified;
      }
      if (memory == null || pids == null || !Files.isDirectory(memory)
          || !Files.isDirectory(pids)) {
        return inside;
      }
      return new CgroupCounters(
          List.of(memory.resolve("memory.oom_control"), memory.resolve("memory.events")),
          List.of(pids.resolve("pids.events")),
          Optional.of(pids.resolve("cgroup.procs")), Integer.toString(execUid));
    } catch (IOException e) {
      return inside;
    }
  }

  /** Whether the counters are read on the host (no command inside the container needed). */
  boolean onHost() {
    return procs.isPresent();
  }

  /**
   * Reads the counters now. Inside the container, {@code afterCommand} also kills leftovers of the
   * command that just ended (and reports none, since none are left).
   */
  Sample sample(Container container, boolean afterCommand) {
    if (onHost()) {
      long oom = 0;
      for (Path p : memoryEvents) {
        oom = Math.max(oom, field(read(p), "oom_kill"));
      }
      long refused = 0;
      for (Path p : pidsEvents) {
        refused = Math.max(refused, field(read(p), "max"));
      }
      long leftovers = read(procs.get()).lines().map(String::strip)
          .filter(pid -> !pid.isEmpty() && runningAsExecUser(pid)).count();
      return new Sample(oom, refused, leftovers);
    }
    String script = (afterCommand ? Container.KILL_LEFTOVERS.replace("exit 0", "") : "")
        + "cat " + IN_CONTAINER_FILES + " 2>/dev/null; exit 0";
    String text = container.probe("/bin/sh", "-c", script);
    return new Sample(field(text, "oom_kill"), field(text, "max"), 0);
  }

  /**
   * Whether a process is alive (not a zombie waiting to be reaped) and runs as the user commands
   * run as; the idle main process runs as another user.
   */
  private boolean runningAsExecUser(String pid) {
    String state = "";
    String uid = "";
    for (String line : read(Path.of("/proc", pid, "status")).split("\n")) {
      if (line.startsWith("State:")) {
        state = line.substring(6).strip();
      } else if (line.startsWith("Uid:")) {
        uid = line.substring(4).strip().split("\\s+")[0];
      }
    }
    return !state.isEmpty() && !state.startsWith("Z") && uid.equals(execUid);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  /** The largest value of lines {@code name N} in a cgroup key/value file. */
  static long field(String text, String name) {
    long value = 0;
    for (String line : text.split("\n")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 2 && parts[0].equals(name)) {
        value = Math.max(value, parseLong(parts[1]));
      }
    }
    return value;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
