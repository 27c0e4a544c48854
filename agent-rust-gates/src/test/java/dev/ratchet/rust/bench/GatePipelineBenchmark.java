package dev.ratchet.rust.bench;

import dev.ratchet.action.Edit;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateContext;
import dev.ratchet.gate.GateResult;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.rust.RustGates;
import dev.ratchet.rust.RustImage;
import dev.ratchet.sandbox.docker.DockerSandbox;
import dev.ratchet.testkit.GitRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gate pipeline fmt + clippy + test on a small crate, warm and incremental after a one-line
 * edit, sandboxed (a warm session, the gates as users get them) against the same three cargo
 * commands bare on the host, alternating in the same run; then a second judgement of an unchanged
 * tree (memoised). Prints medians and the ratio.
 *
 * <p>Run with {@code scripts/bench-gates [rounds] [functions]}; needs Docker and a rustup
 * toolchain. {@code functions} sets the crate's size (default 40 functions and 40 tests).
 */
public final class GatePipelineBenchmark {

  private GatePipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int functions = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    Path tmp = Files.createTempDirectory("ratchet-bench-gates");
    Path repo = crate(tmp.resolve("repo"), functions);
    Path bare = crate(tmp.resolve("bare"), functions);
    CargoEnvironment env = CargoEnvironment.builder().cacheDir(tmp.resolve("cache")).build();
    String image = RustImage.ensure(System.err::println);
    List<Double> boxed = new ArrayList<>();
    List<Double> host = new ArrayList<>();
    List<Double> memo = new ArrayList<>();
    try (GitWorkspace ws = GitWorkspace.builder(repo).open();
        DockerSandbox docker = DockerSandbox.builder(image).build();
        DockerSandbox.Session session = docker.openSession(env.mounts(ws.root()), env.limits())) {
      // snippet:pipeline
      List<Gate> gates = RustGates.with(env).pipeline(List.of("fmt", "clippy", "test"));
      // end-snippet:pipeline
      judge(gates, ws, session); // first builds, not measured
      bareRun(bare, env);
      PER_GATE.clear();
      BARE.clear();
      for (int i = 0; i < rounds; i++) {
        String line = "pub const ROUND: u32 = " + i + ";\n";
        ws.apply(Edit.writeFile("src/round.rs", line));
        ws.commit("round " + i);
        boxed.add(millis(() -> judge(gates, ws, session)));
        memo.add(millis(() -> judge(gates, ws, session)));
        Files.writeString(bare.resolve("src/round.rs"), line);
        host.add(millis(() -> bareRun(bare, env)));
      }
    } finally {
      new ProcessBuilder("rm", "-rf", tmp.toString()).start().waitFor();
    }
    System.out.printf("crate with %d functions and %d tests%n", functions, functions);
    System.out.printf("fmt+clippy+test after a one-line edit: sandboxed gates median %.0f ms,"
        + " bare cargo median %.0f ms, ratio %.2f (target <= 1.10)%n", median(boxed),
        median(host), median(boxed) / median(host));
    PER_GATE.forEach((gate, times) -> System.out.printf("  %s: median %.0f ms sandboxed,"
        + " %.0f ms bare%n", gate, median(times), median(BARE.get(gate))));
    System.out.printf("second judgement of the same tree (3 gates, memoised): median %.3f ms"
        + " (target <= 50)%n", median(memo));
  }

  private static final java.util.Map<String, List<Double>> PER_GATE = new java.util.TreeMap<>();
  private static final java.util.Map<String, List<Double>> BARE = new java.util.TreeMap<>();

  private static void judge(List<Gate> gates, GitWorkspace ws, DockerSandbox.Session session) {
    for (Gate gate : gates) {
      GateResult r = gate.run(new GateContext(ws, session, 1));
      if (!r.passed()) {
        throw new IllegalStateException(gate.name() + ": " + r.summary());
      }
      PER_GATE.computeIfAbsent(gate.name(), k -> new ArrayList<>())
          .add(r.duration().toNanos() / 1e6);
    }
  }

  /**
   * The same three commands on the host, warnings denied, same target-dir policy, and the gates'
   * cargo home (a user's own, with a registry in it, makes cargo slower at starting).
   */
  private static void bareRun(Path crate, CargoEnvironment env) {
    Path cargo = env.toolchain().hostCargo();
    Path home = env.cargoHome();
    run("fmt", crate, home, List.of(cargo.toString(), "fmt", "--all", "--check"));
    run("clippy", crate, home, List.of(cargo.toString(), "clippy", "--frozen", "--workspace",
        "--all-targets", "--message-format=json", "--", "-D", "warnings"));
    run("test", crate, home, List.of(cargo.toString(), "test", "--frozen", "--workspace",
        "--no-fail-fast"));
  }

  private static void run(String gate, Path dir, Path cargoHome, List<String> argv) {
    long start = System.nanoTime();
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("RUSTFLAGS", "-D warnings");
      pb.environment().put("CARGO_TARGET_DIR", dir.resolve("target").toString());
      pb.environment().put("CARGO_HOME", cargoHome.toString());
      pb.environment().put("PATH", Path.of(argv.get(0)).getParent() + ":/usr/bin:/bin");
      Process p = pb.start();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException(argv + " failed in " + dir);
      }
      BARE.computeIfAbsent(gate, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A small crate: a few hundred lines of ordinary code with tests, warning-free. */
  private static Path crate(Path dir, int functions) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("Cargo.toml"),
        "[package]\nname = \"pipeline\"\nversion = \"0.1.0\"\nedition = \"2021\"\n");
    Files.writeString(dir.resolve("Cargo.lock"),
        "version = 4\n\n[[package]]\nname = \"pipeline\"\nversion = \"0.1.0\"\n");
    Files.writeString(dir.resolve("src/round.rs"), "pub const ROUND: u32 = 0;\n");
    StringBuilder lib = new StringBuilder("//! Generated.\n\npub mod round;\n\nuse std::collections::HashMap;\n\n");
    for (int i = 0; i < functions; i++) {
      lib.append("/// Counts words longer than ").append(i % 7).append(".\n")
          .append("pub fn count").append(i).append("(text: &str) -> HashMap<String, usize> {\n")
          .append("    let mut m = HashMap::new();\n")
          .append("    for w in text.split_whitespace().filter(|w| w.chars().count() > ").append(i % 7)
          .append(") {\n        *m.entry(w.to_lowercase()).or_insert(0) += 1;\n    }\n    m\n}\n\n");
    }
    lib.append("#[cfg(test)]\nmod tests {\n    use super::*;\n\n");
    for (int i = 0; i < functions; i++) {
      lib.append(i == 0 ? "" : "\n").append("    #[test]\n    fn t").append(i)
          .append("() {\n        assert!(count").append(i)
          .append("(\"alpha beta Alpha\").len() <= 2);\n    }\n");
    }
    lib.append("}\n");
    Files.writeString(dir.resolve("src/lib.rs"), lib.toString());
    GitRepos.commitAll(dir, "base");
    return dir;
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
