package dev.ratchet.sandbox.docker;

import com.github.dockerjava.api.model.Image;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.SandboxUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a live sandbox instead of trusting its configuration: each isolation property is probed
 * from inside a container and its effect observed (a host listener that saw no connection, a
 * refused syscall, a limit that was reported). About ten seconds on a warm daemon.
 */
public final class SandboxDoctor {

  /** One property and whether the sandbox has it. */
  public record Check(String property, boolean passed, String detail) {}

  /**
   * What the doctor found: the daemon (empty when none answers), Ratchet's images on it, and one
   * check per property (empty when the image is missing).
   */
  public record Report(String dockerHost, Optional<String> daemonVersion, List<String> images,
      List<Check> checks, Optional<String> problem) {

    /** Whether a daemon answered and every check passed. */
    public boolean healthy() {
      return problem.isEmpty() && !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }
  }

  private SandboxDoctor() {}

  /** Examines the daemon at {@code dockerHost} and the isolation of {@code image}. */
  public static Report examine(String dockerHost, String image) {
    DockerSandbox docker;
    try {
      docker = DockerSandbox.builder(image).dockerHost(dockerHost).build();
    } catch (SandboxUnavailableException e) {
      return new Report(dockerHost, Optional.empty(), List.of(), List.of(),
          Optional.of(e.getMessage()));
    }
    try (docker) {
      var client = docker.engine().client();
      String version = client.versionCmd().exec().getVersion();
      List<String> images = new ArrayList<>();
      for (Image i : client.listImagesCmd().withLabelFilter(Map.of(Labels.MANAGED, "true"))
          .exec()) {
        String tags = i.getRepoTags() == null ? "<untagged>" : String.join(", ", i.getRepoTags());
        images.add(String.format("%s  %s  %d MB", tags, i.getId().substring(7, 19),
            i.getSize() / 1_000_000));
      }
      List<Check> checks;
      Optional<String> problem = Optional.empty();
      try {
        checks = checks(docker);
      } catch (SandboxUnavailableException e) {
        checks = List.of();
        problem = Optional.of(e.getMessage());
      }
      return new Report(dockerHost, Optional.ofNullable(version), images, checks, problem);
    }
  }

  /** The default image's name, which {@code ratchet image build} makes. */
  public static String defaultImage() {
    return DebianRootfs.gcc().image();
  }

  private static List<Check> checks(DockerSandbox docker) {
    List<Check> checks = new ArrayList<>();
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(300);
      ExecResult r = sh(docker, "ls /sys/class/net | tr '\\n' ' '; bash -c 'exec"
          + " 3<>/dev/tcp/127.0.0.1/" + listener.getLocalPort() + "' 2>/dev/null && echo"
          + " CONNECTED", Limits.defaults());
      boolean reached;
      try {
        listener.accept().close();
        reached = true;
      } catch (SocketTimeoutException e) {
        reached = false;
      }
      boolean onlyLo = r.stdout().strip().startsWith("lo") && r.stdout().lines().findFirst()
          .map(l -> l.strip().equals("lo")).orElse(false);
      checks.add(new Check("network", onlyLo && !reached && !r.stdout().contains("CONNECTED"),
          "interfaces: " + r.stdout().lines().findFirst().orElse("?").strip()
              + "; host loopback listener " + (reached ? "WAS REACHED" : "not reached")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ExecResult probes = docker.exec(ExecSpec.builder("perl", "-e", String.join("\n",
            "socket(my $s, 40, 1, 0) ? print \"vsock open\\n\" : print \"vsock $!\\n\";",
            "my $p = \"\\0\" x 120; my $u = syscall(425, 1, $p);",
            "print 'io_uring ', ($u < 0 ? \"$!\" : 'open'), \"\\n\";"))
        .env("PATH", "/usr/bin:/bin").build());
    checks.add(refused("vsock", probes, "vsock"));
    checks.add(refused("io_uring", probes, "io_uring"));
    ExecResult fs = sh(docker, "touch /ratchet-probe 2>&1; cp /bin/true /tmp/t && /tmp/t &&"
        + " echo TMP-EXEC", Limits.defaults());
    checks.add(new Check("read-only root", fs.stdout().contains("Read-only file system")
        && fs.stdout().contains("TMP-EXEC"), fs.stdout().contains("TMP-EXEC")
            ? "/ refuses writes; /tmp is writable and executable" : fs.stdout().strip()));
    ExecResult user = sh(docker, "id -u; grep -E '^(CapEff|NoNewPrivs):' /proc/self/status;"
        + " test -e /var/run/docker.sock && echo DOCKER-SOCKET; env | cut -d= -f1 | tr '\\n' ' '",
        Limits.defaults());
    String[] lines = user.stdout().split("\n");
    boolean nonRoot = lines.length > 0 && !lines[0].strip().equals("0");
    boolean noCaps = user.stdout().matches("(?s).*CapEff:\\s+0+\\n.*")
        && user.stdout().matches("(?s).*NoNewPrivs:\\s+1.*");
    checks.add(new Check("user", nonRoot && noCaps && !user.stdout().contains("DOCKER-SOCKET"),
        "uid " + (lines.length > 0 ? lines[0].strip() : "?") + (noCaps
            ? ", no capabilities, no-new-privileges" : ", CAPABILITIES OR PRIVILEGES LEFT")
            + (user.stdout().contains("DOCKER-SOCKET") ? ", DOCKER SOCKET MOUNTED" : "")));
    String env = lines.length > 0 ? lines[lines.length - 1] : "";
    List<String> leaked = Arrays.stream(env.split(" ")).filter(System.getenv()::containsKey)
        .filter(k -> !List.of("PATH", "HOME", "HOSTNAME", "PWD", "SHLVL", "_").contains(k))
        .toList();
    checks.add(new Check("environment", leaked.isEmpty(), leaked.isEmpty()
        ? "only the variables a command is given" : "host variables visible: " + leaked));
    Limits small = new Limits(Duration.ofSeconds(20), 64L << 20, 64, 1.0, 64 * 1024);
    ExecResult bomb = sh(docker, "f() { f | f & }; f; sleep 2", small);
    checks.add(new Check("pids limit", bomb.limitsHit().contains(ExecResult.Limit.PIDS),
        "fork bomb under 64 pids: " + bomb.describe()));
    ExecResult oom = sh(docker, "perl -e \"my @a; push @a, 'x' x 1000000 while 1\"; true",
        small);
    checks.add(new Check("memory limit", oom.oomKilled(), "64 MiB, a child allocating: "
        + oom.describe()));
    long start = System.nanoTime();
    ExecResult late = sh(docker, "trap '' TERM; sleep 60",
        small.withTimeout(Duration.ofSeconds(1)));
    double seconds = (System.nanoTime() - start) / 1e9;
    checks.add(new Check("deadline", late.timedOut() && seconds < 3,
        String.format("a TERM-ignoring sleep with a 1 s deadline ended after %.1f s", seconds)));
    return checks;
  }

  private static Check refused(String property, ExecResult probes, String key) {
    String line = probes.stdout().lines().filter(l -> l.startsWith(key + " ")).findFirst()
        .orElse(key + " not probed (" + probes.describe() + ": " + probes.stderr().strip() + ")");
    return new Check(property, line.contains("Operation not permitted"), line);
  }

  private static ExecResult sh(DockerSandbox docker, String script, Limits limits) {
    return docker.exec(ExecSpec.builder("/bin/sh", "-c", script)
        .env("PATH", "/usr/bin:/bin").limits(limits).build());
  }
}
