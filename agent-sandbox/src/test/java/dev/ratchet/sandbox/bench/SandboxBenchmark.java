package dev.ratchet.sandbox.bench;

import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.docker.DebianRootfs;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.sandbox.docker.ImageBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the sandbox costs, measured against a baseline in the same run:
 *
 * <ol>
 *   <li>a command in a fresh container ({@link DockerSandbox#exec}: create, start, exec, read the
 *       cgroup counters, remove), median of N;
 *   <li>a command in a warm session container, median of N;
 *   <li>{@code cargo test} on a small crate after a one-line edit (warm, incremental), in
 *       a sandbox session vs the same command bare on the host, alternating, median of N each,
 *       and their ratio.
 * </ol>
 *
 * <p>Run with {@code scripts/bench-sandbox [N]}; needs a Docker daemon and a rustup toolchain.
 */
public final class SandboxBenchmark {

  private SandboxBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String image;
    try (ImageBuilder builder = ImageBuilder.connect(System.err::println)) {
      image = builder.ensure(DebianRootfs.gcc());
    }
    Path toolchain = toolchain();
    Path tmp = Files.createTempDirectory("ratchet-bench");
    ExecSpec tru = ExecSpec.builder("true").build();
    List<Double> cold = new ArrayList<>();
    try (DockerSandbox docker = DockerSandbox.builder(image).prestart(false).build()) {
      for (int i = 0; i < 3; i++) {
        docker.exec(tru);
      }
      for (int i = 0; i < n; i++) {
        cold.add(millis(() -> check(docker.exec(tru))));
      }
    }
    try (DockerSandbox docker = DockerSandbox.builder(image).build()) {
      for (int i = 0; i < 3; i++) {
        docker.exec(tru);
      }
      List<Double> fresh = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        fresh.add(millis(() -> check(docker.exec(tru))));
      }
      List<Double> warm = new ArrayList<>();
      try (DockerSandbox.Session session = docker.openSession(List.of(), Limits.defaults())) {
        for (int i = 0; i < 3; i++) {
          session.exec(tru);
        }
        for (int i = 0; i < n; i++) {
          warm.add(millis(() -> check(session.exec(tru))));
        }
      }
      System.out.printf("fresh container per command, cold (create+start+exec+counters+kill):"
          + " median %.1f ms%n", median(cold));
      System.out.printf("fresh container per command, next one prestarted (the default):"
          + " median %.1f ms (target <= 150)%n", median(fresh));
      System.out.printf("warm session exec: median %.1f ms (target <= 60)%n", median(warm));

      Path crate = writeCrate(tmp.resolve("crate"));
      Path hostTarget = Files.createDirectories(tmp.resolve("target-host"));
      Path boxTarget = Files.createDirectories(tmp.resolve("target-box"));
      int cpus = Runtime.getRuntime().availableProcessors();
      Limits limits = new Limits(Duration.ofMinutes(5), 4L << 30, 1024, cpus, 1 << 20);
      List<Mount> mounts = List.of(Mount.readOnly(crate, "/work"),
          Mount.readOnly(toolchain, "/opt/rust"), Mount.readWrite(boxTarget, "/target"));
      ExecSpec boxed = ExecSpec.builder("cargo", "test", "--offline", "-q")
          .workdir("/work")
          .env("PATH", "/opt/rust/bin:/usr/bin:/bin")
          .env("CARGO_HOME", "/tmp/cargo-home")
          .env("CARGO_TARGET_DIR", "/target")
          .env("RUSTFLAGS", "-D warnings")
          .limits(limits)
          .mounts(mounts)
          .build();
      List<Double> bare = new ArrayList<>();
      List<Double> box = new ArrayList<>();
      try (DockerSandbox.Session session = docker.openSession(mounts, limits)) {
        host(crate, hostTarget, toolchain); // first builds: not measured
        check(session.exec(boxed));
        int runs = Math.max(5, n / 2);
        for (int i = 0; i < runs; i++) {
          edit(crate.resolve("src/lib.rs"), 2 * i);
          bare.add(millis(() -> host(crate, hostTarget, toolchain)));
          edit(crate.resolve("src/lib.rs"), 2 * i + 1);
          box.add(millis(() -> check(session.exec(boxed))));
        }
      }
      double ratio = median(box) / median(bare);
      System.out.printf("cargo test, incremental after a one-line edit: sandbox median %.0f ms, bare"
          + " median %.0f ms, ratio %.2f (target <= 1.10)%n", median(box), median(bare), ratio);
    } finally {
      new ProcessBuilder("rm", "-rf", tmp.toString()).start().waitFor();
    }
  }

  private static Path toolchain() throws IOException {
    Path home = Path.of(System.getProperty("user.home"), ".rustup", "toolchains");
    try (var entries = Files.list(home)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("stable-")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no stable rustup toolchain in " + home));
    }
  }

  private static Path writeCrate(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("Cargo.toml"),
        "[package]\nname = \"bench\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
    // About 600 lines of generic code and 120 tests: an incremental rebuild takes a second or
    // two, like a small real crate.
    StringBuilder lib = new StringBuilder("use std::collections::BTreeMap;\n\n");
    for (int i = 0; i < 120; i++) {
      lib.append("pub fn f").append(i).append("<T: Clone + Ord>(xs: &[T]) -> BTreeMap<T, usize>")
          .append(" {\n    let mut m = BTreeMap::new();\n    for (k, x) in xs.iter().enumerate()")
          .append(" {\n        *m.entry(x.clone()).or_insert(0) += k % ").append(i + 2)
          .append(";\n    }\n    m\n}\n");
    }
    lib.append("\n#[cfg(test)]\nmod tests {\n    use super::*;\n");
    for (int i = 0; i < 120; i++) {
      lib.append("    #[test]\n    fn t").append(i).append("() { assert_eq!(f").append(i)
          .append("(&[3u8, 1, 3]).len(), 2); assert_eq!(f").append(i)
          .append("(&[\"a\".to_string()]).len(), 1); }\n");
    }
    lib.append("}\n");
    Files.writeString(dir.resolve("src/lib.rs"), lib.toString());
    Files.writeString(dir.resolve("Cargo.lock"), "version = 3\n\n[[package]]\nname = \"bench\"\n"
        + "version = \"0.1.0\"\n");
    return dir;
  }

  private static void host(Path crate, Path target, Path toolchain) {
    try {
      ProcessBuilder pb = new ProcessBuilder("cargo", "test", "--offline", "-q")
          .directory(crate.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("PATH", toolchain.resolve("bin") + ":/usr/bin:/bin");
      pb.environment().put("CARGO_TARGET_DIR", target.toString());
      pb.environment().put("RUSTFLAGS", "-D warnings");
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("bare cargo test failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Changes one function's body, as a model's edit would (a touch alone rebuilds nothing). */
  private static void edit(Path file, int n) throws IOException {
    String text = Files.readString(file);
    Files.writeString(file, text.replaceFirst("k % \\d+;", "k % " + (n + 2) + ";"));
  }

  private static void check(ExecResult r) {
    if (!r.succeeded()) {
      throw new IllegalStateException(r.describe() + "\n" + r.stdout() + r.stderr());
    }
  }

  private static double millis(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }
}
