package dev.ratchet.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Container;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.SandboxUnavailableException;
import dev.ratchet.sandbox.io.SafeFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile crate could try inside the sandbox, each case checked by its effect on the host
 * (a listener that saw no connection, a file that was not written, a container that is gone), not
 * only by an exit code. See reference/sandbox.md §4 for the matrix this follows.
 */
class DockerAbuseIT {

  private static final List<String> SH = List.of("/bin/sh", "-c");
  private static DockerSandbox docker;

  @TempDir Path tmp;

  @BeforeAll
  static void connect() {
    docker = DockerTests.sandbox().prestart(false).build();
  }

  @AfterAll
  static void disconnect() {
    if (docker != null) {
      docker.close();
    }
  }

  private static ExecSpec.Builder sh(String script) {
    return ExecSpec.builder(concat(SH, script))
        .limits(Limits.defaults().withTimeout(Duration.ofSeconds(60)));
  }

  private static List<String> concat(List<String> head, String last) {
    return java.util.stream.Stream.concat(head.stream(), java.util.stream.Stream.of(last)).toList();
  }

  private static ExecResult run(ExecSpec.Builder spec) {
    return docker.exec(spec.build());
  }

  @Test
  void network_reachesNoHostListener_whenCommandConnectsToLoopback() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(500);
      ExecResult r = run(sh("ls /sys/class/net; exec 3<>/dev/tcp/127.0.0.1/"
          + listener.getLocalPort() + " && echo CONNECTED").env("PATH", "/usr/bin:/bin")
          .limits(Limits.defaults().withTimeout(Duration.ofSeconds(20))));
      // /dev/tcp is bash's; sh is dash here, so run it through bash explicitly too.
      ExecResult viaBash = docker.exec(ExecSpec.builder("/bin/bash", "-c",
          "exec 3<>/dev/tcp/127.0.0.1/" + listener.getLocalPort() + " && echo CONNECTED").build());

      assertThat(r.stdout().strip().split("\\s+")).containsExactly("lo");
      assertThat(viaBash.stdout()).doesNotContain("CONNECTED");
      assertThat(viaBash.stderr()).contains("Connection refused");
      assertThatThrownBy(listener::accept)
          .as("the host listener saw no connection")
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void network_cannotResolveNames_whenOnlyLoopbackExists() {
    ExecResult r = run(sh("getent ahosts crates.io; echo rc=$?"));

    assertThat(r.stdout()).contains("rc=2").doesNotContainPattern("\\d+\\.\\d+\\.\\d+\\.\\d+ ");
  }

  @Test
  void seccomp_refusesVsockIoUringAndNamespaces() {
    ExecResult r = docker.exec(ExecSpec.builder("perl", "-e", String.join("\n",
        "socket(my $s, 40, 1, 0) ? print \"vsock open\\n\" : print \"vsock: $!\\n\";",
        "my $p = \"\\0\" x 120; my $u = syscall(425, 1, $p);",
        "print 'io_uring: ', ($u < 0 ? \"$!\" : 'open'), \"\\n\";",
        "my $n = syscall(272, 0x10000000); print 'unshare: ', ($n < 0 ? \"$!\" : 'ok'), \"\\n\";",
        "socket(my $t, 2, 1, 0) ? print \"inet ok\\n\" : print \"inet: $!\\n\";"))
        .build());

    assertThat(r.stdout()).contains("vsock: Operation not permitted",
        "io_uring: Operation not permitted", "unshare: Operation not permitted",
        "inet ok");
  }

  @Test
  void filesystem_refusesWritesOutsideTmp_evenToMountedToolchainAndCache() throws IOException {
    Path toolchain = Files.createDirectories(tmp.resolve("toolchain"));
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    ExecResult r = run(sh(String.join("\n",
            "for f in /x /etc/x /root/x /usr/bin/x /opt/toolchain/x /opt/cache/x /tmp/ok; do",
            "  if touch $f 2>/dev/null; then echo wrote $f; else echo refused $f; fi",
            "done; id -u; id -g; test -e /var/run/docker.sock && echo SOCKET; test -e /dev/shm"
                + " && echo SHM; grep -c . /proc/self/status >/dev/null; grep -E"
                + " '^(CapEff|NoNewPrivs|Seccomp):' /proc/self/status"))
        .mount(Mount.readOnly(toolchain, "/opt/toolchain"))
        .mount(Mount.readOnly(cache, "/opt/cache")));

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("refused /x", "refused /etc/x", "refused /root/x",
        "refused /usr/bin/x", "refused /opt/toolchain/x", "refused /opt/cache/x", "wrote /tmp/ok");
    assertThat(r.stdout()).doesNotContain("SOCKET", "SHM");
    assertThat(r.stdout()).contains("65534\n65534").containsPattern("CapEff:\\s+0+\n")
        .containsPattern("NoNewPrivs:\\s+1").containsPattern("Seccomp:\\s+2");
    try (var files = Files.list(toolchain); var cached = Files.list(cache)) {
      assertThat(files).isEmpty();
      assertThat(cached).isEmpty();
    }
  }

  @Test
  void environment_holdsOnlyWhatTheSpecPasses() {
    ExecResult r = run(sh("env").env("RATCHET_GIVEN", "yes"));

    Set<String> names = Arrays.stream(r.stdout().split("\n")).filter(l -> l.contains("="))
        .map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toCollection(TreeSet::new));
    Set<String> hostOnly = new TreeSet<>(System.getenv().keySet());
    hostOnly.removeAll(Set.of("PATH", "HOME", "HOSTNAME", "PWD", "SHLVL", "_"));
    assertThat(names).contains("RATCHET_GIVEN").doesNotContainAnyElementsOf(hostOnly);
    assertThat(names).isSubsetOf("RATCHET_GIVEN", "PATH", "HOME", "HOSTNAME", "PWD", "SHLVL",
        "_");
  }

  @Test
  void forkBomb_isContainedAndReported() {
    long start = System.nanoTime();
    ExecResult r = run(sh("f() { f | f & }; f; sleep 3; echo survived")
        .limits(new Limits(Duration.ofSeconds(30), 256L << 20, 64, 1.0, 64 * 1024)));

    assertThat(r.limitsHit()).as(r.describe()).contains(ExecResult.Limit.PIDS);
    assertThat(r.timedOut()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertNoContainerLeft();
  }

  @Test
  void threads_aHundredLegitimateOnesPass_underTheCargoPidsLimit() {
    ExecResult r = run(sh("i=0; while [ $i -lt 100 ]; do sleep 2 & i=$((i+1)); done; wait;"
        + " echo done"));

    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.limitsHit()).isEmpty();
    assertThat(r.stdout()).contains("done");
  }

  @Test
  void memoryBomb_isReportedAsOom_whenItIsTheCommand() {
    ExecResult r = docker.exec(ExecSpec.builder("perl", "-e",
            "my @a; push @a, 'x' x 1_000_000 while 1;")
        .limits(new Limits(Duration.ofSeconds(60), 64L << 20, 1024, 1.0, 64 * 1024)).build());

    assertThat(r.exitCode()).isEqualTo(137);
    assertThat(r.oomKilled()).as(r.describe()).isTrue();
    assertThat(r.timedOut()).isFalse();
  }

  @Test
  void memoryBomb_isReportedAsOom_whenAChildDiesAndTheCommandExitsZero() {
    ExecResult r = run(sh("perl -e \"my @a; push @a, 'x' x 1_000_000 while 1;\"; echo child=$?;"
            + " exit 0")
        .limits(new Limits(Duration.ofSeconds(60), 64L << 20, 1024, 1.0, 64 * 1024)));

    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("child=137");
    assertThat(r.oomKilled()).as("a 0 exit hides the child's OOM kill; the cgroup does not")
        .isTrue();
  }

  @Test
  void tmpfsFill_isACleanErrorNotAKill() {
    ExecResult r = run(sh("dd if=/dev/zero of=/tmp/fill bs=1M count=400 2>&1; echo rc=$?")
        .limits(new Limits(Duration.ofSeconds(60), 512L << 20, 1024, 1.0, 64 * 1024)));

    assertThat(r.stdout()).contains("No space left on device").containsPattern("rc=[1-9]");
    assertThat(r.limitsHit()).doesNotContain(ExecResult.Limit.MEMORY);
  }

  @Test
  void deadline_killsTermIgnoringProcessAndChildren_withinASecond_andTheSessionStaysWarm() {
    DockerSandbox.Session session = docker.openSession(List.of(), Limits.defaults());
    try (session) {
      session.exec(sh("true").build());
      String first = session.containerId();
      long start = System.nanoTime();
      ExecResult r = session.exec(sh("trap '' TERM; (trap '' TERM; sleep 1000) & sleep 1000")
          .limits(Limits.defaults().withTimeout(Duration.ofSeconds(2))).build());
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

      assertThat(r.timedOut()).isTrue();
      assertThat(r.exitCode()).isEqualTo(dev.ratchet.sandbox.docker.Container.KILLED);
      assertThat(elapsed).isLessThan(Duration.ofSeconds(3));
      ExecResult next = session.exec(sh("cat /proc/[0-9]*/comm | grep -c sleep; true").build());
      assertThat(next.stdout().strip()).as("only the idle process sleeps").isEqualTo("1");
      assertThat(session.containerId()).as("the same warm container").isEqualTo(first);
    }
    assertNoContainerLeft();
  }

  @Test
  void session_killsWhatACommandLeftRunning_beforeTheNext() {
    try (DockerSandbox.Session session = docker.openSession(List.of(), Limits.defaults())) {
      session.exec(sh("(sleep 1000 &) ; echo started").build());
      ExecResult ps = session.exec(sh("cat /proc/[0-9]*/comm | grep -c sleep; true").build());

      assertThat(ps.stdout().strip()).as("only the idle process sleeps").isEqualTo("1");
    }
  }

  @Test
  void session_runsACommandWithOtherMounts_inAFreshContainer() throws IOException {
    Files.writeString(tmp.resolve("seen.txt"), "from the host");
    Path locked = Files.createDirectories(tmp.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (DockerSandbox.Session session = docker.openSession(List.of(), Limits.defaults())) {
      session.exec(sh("true").build());
      String warm = session.containerId();

      ExecResult r = session.exec(sh("cat /extra/seen.txt")
          .mount(Mount.readOnly(tmp, "/extra")).build());

      assertThat(r.stdout()).isEqualTo("from the host");
      assertThat(session.containerId()).as("the warm container stays").isEqualTo(warm);
      assertThatThrownBy(() -> session.exec(sh("ls /locked")
              .mount(Mount.readOnly(locked, "/locked")).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot be read by the sandbox user");
    }
  }

  @Test
  void output_isCappedOnEitherStream_withoutDeadlock() {
    for (String target : List.of("", " >&2")) {
      long start = System.nanoTime();
      ExecResult r = run(sh("head -c 200000000 /dev/zero" + target + "; echo end" + target)
          .limits(Limits.defaults().withTimeout(Duration.ofSeconds(60))));

      assertThat(r.exitCode()).isZero();
      assertThat(r.outputTruncated()).isTrue();
      assertThat(r.droppedBytes()).isGreaterThan(190_000_000L);
      String kept = target.isEmpty() ? r.stdout() : r.stderr();
      assertThat(kept.length()).isLessThan((1 << 20) + 100);
      assertThat(kept).endsWith("end\n");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
  }

  @Test
  void output_isNeverLoggedByTheDaemon() {
    try (DockerSandbox.Session session = docker.openSession(List.of(), Limits.defaults())) {
      session.exec(sh("true").build());
      var inspect = docker.engine().client().inspectContainerCmd(session.containerId()).exec();

      assertThat(inspect.getHostConfig().getLogConfig().getType().getType()).isEqualTo("none");
      assertThat(inspect.getHostConfig().getNetworkMode()).isEqualTo("none");
      assertThat(inspect.getHostConfig().getReadonlyRootfs()).isTrue();
      assertThat(inspect.getLogPath()).isNullOrEmpty();
    }
  }

  @Test
  void hostileFilesInWritableMount_areNotFollowedOpenedOrLeftBehind() throws IOException {
    Path work = Files.createDirectories(tmp.resolve("work"));
    ExecResult r = run(sh(String.join("; ",
            "cd /work", "ln -s /etc/shadow report.json", "ln -s ../../../../root escape",
            "mkfifo estimates.json", "mkdir -p locked/inner", "echo x > locked/inner/f",
            "chmod 000 locked", "echo real > plain.txt", "ls -la"))
        .mount(Mount.readWrite(work, "/work")));
    assertThat(r.exitCode()).as(r.stderr()).isZero();

    assertThat(SafeFiles.read(work, "report.json", 1 << 20)).isEmpty();
    assertThat(SafeFiles.read(work, "escape/.bashrc", 1 << 20)).isEmpty();
    assertThat(SafeFiles.read(work, "estimates.json", 1 << 20))
        .as("a FIFO is never opened (opening it would block)").isEmpty();
    assertThat(SafeFiles.read(work, "../outside", 1 << 20)).isEmpty();
    assertThat(SafeFiles.read(work, "plain.txt", 1 << 20)).hasValueSatisfying(
        bytes -> assertThat(new String(bytes)).isEqualTo("real\n"));

    assertThat(SafeFiles.deleteTree(work)).isTrue();
    assertThat(Files.exists(work, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Path.of("/etc/shadow")).exists();
  }

  @Test
  void deleteInsideSandbox_removesWhatOnlyTheSandboxUserCouldRemove() throws IOException {
    Path work = Files.createDirectories(tmp.resolve("locked-work"));
    run(sh("mkdir -p /w/a/b && echo x > /w/a/b/f && chmod 000 /w/a && chmod 500 /w")
        .mount(Mount.readWrite(work, "/w")));
    // chmod 500 on the mount root is undone by the cleanup's own chmod.

    docker.deleteInsideSandbox(work);

    try (var left = Files.list(work)) {
      assertThat(left).isEmpty();
    }
    assertThat(docker.deleteTree(work)).isTrue();
  }

  @Test
  void unreachableDaemon_isReportedAsUnavailable_withinTheConnectTimeout() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    for (String host : List.of("unix://" + tmp.resolve("no-daemon.sock"),
        "tcp://127.0.0.1:" + closedPort)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> DockerSandbox.builder("any").dockerHost(host)
              .connectTimeout(Duration.ofSeconds(2)).build())
          .isInstanceOf(SandboxUnavailableException.class)
          .hasMessageContaining("sandbox unavailable").hasMessageContaining(host);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void missingImage_isReportedAsUnavailable_withWhatToDo() {
    try (DockerSandbox missing = DockerSandbox.builder("ratchet/no-such-image:0").build()) {
      assertThatThrownBy(() -> missing.exec(sh("true").build()))
          .isInstanceOf(SandboxUnavailableException.class)
          .hasMessageContaining("ratchet/no-such-image:0 is missing")
          .hasMessageContaining("ratchet image build");
    }
  }

  @Test
  void close_removesPrestartedSpares_andEveryOtherContainerOfTheSandbox() throws IOException {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    DockerSandbox prestarting = DockerTests.sandbox().build();
    prestarting.exec(sh("true").build());
    prestarting.exec(sh("true").mount(Mount.readOnly(tmp, "/t")).build());
    assertThat(containersOfThisProcess()).as("spares wait for the next command").isNotEmpty();

    prestarting.close();

    assertNoContainerLeft();
  }

  /** Removal of a used container runs in the background; give it a moment. */
  private static void assertNoContainerLeft() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!containersOfThisProcess().isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertThat(containersOfThisProcess()).as("containers of this process").isEmpty();
  }

  private static List<Container> containersOfThisProcess() {
    return docker.engine().client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Labels.OWNER, Labels.self())).exec();
  }
}
