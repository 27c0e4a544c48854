package dev.ratchet.rust;

import static dev.ratchet.rust.GateFixtures.judge;
import static dev.ratchet.rust.GateFixtures.workspace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.gate.Gate;
import dev.ratchet.gate.GateResult;
import dev.ratchet.gate.GateStatus;
import dev.ratchet.git.GitWorkspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loom finds a real ordering bug and passes the fix; criterion catches an edit that makes a
 * benchmark slower. Both fetch their crates from crates.io once (on the host) into the shared
 * cache, then build offline in the sandbox.
 */
class LoomAndBenchIT {

  private static RustGates rust;

  @TempDir Path tmp;

  @BeforeAll
  static void gates() {
    GateFixtures.docker();
    rust = RustGates.with(GateFixtures.environment());
  }

  @Test
  void loom_findsTheLostIncrement_andPassesTheAtomicFix() {
    try (GitWorkspace ws = workspace("loom-counter", tmp)) {
      // snippet:loom-gate
      Gate loom = rust.loom("loom_models", java.util.Map.of("LOOM_MAX_PREEMPTIONS", "2"));
      // end-snippet:loom-gate
      GateResult broken = judge(loom, ws);

      assertThat(broken.status()).as(broken.summary()).isEqualTo(GateStatus.FAIL);
      assertThat(broken.failedTests()).singleElement()
          .satisfies(t -> assertThat(t.name()).endsWith("loom_models::two_threads_count_two"));
      assertThat(broken.summary()).contains("an increment was lost");

      assertThat(ws.apply(Edit.replace("src/lib.rs",
          "        let seen = self.n.load(Ordering::SeqCst);\n"
              + "        self.n.store(seen + 1, Ordering::SeqCst);\n",
          "        self.n.fetch_add(1, Ordering::SeqCst);\n")).applied()).isTrue();
      ws.commit("atomic increment");
      GateResult fixed = judge(loom, ws);

      assertThat(fixed.status()).as(fixed.summary()).isEqualTo(GateStatus.PASS);
      assertThat(fixed.tests()).hasSize(1);
    }
  }

  @Test
  void bench_failsAnEditThatMakesTheBenchmarkSlower_withTheNumbers() {
    try (GitWorkspace ws = workspace("criterion-sum", tmp)) {
      // snippet:bench-gate
      Gate bench = rust.bench(BenchOptions.defaults().withThreshold(0.20).withCriterionArgs(
          List.of("--warm-up-time", "0.5", "--measurement-time", "2")));
      // end-snippet:bench-gate
      GateResult base = judge(bench, ws);
      assertThat(base.status()).as(base.summary()).isEqualTo(GateStatus.PASS);
      assertThat(base.summary()).contains("baseline");
      assertThat(base.metrics()).containsKey("bench.sum_100k.mean_ns");

      assertThat(ws.apply(Edit.replace("src/lib.rs",
          "    for i in 0..n {\n",
          "    for i in (0..n).chain(0..n).chain(0..n).chain(0..n) {\n")).applied()).isTrue();
      ws.commit("four times the work");
      GateResult slower = judge(bench, ws);

      assertThat(slower.status()).as(slower.summary()).isEqualTo(GateStatus.FAIL);
      assertThat(slower.summary()).contains("sum_100k", "regression");
      assertThat(slower.metrics().get("bench.sum_100k.mean_ns"))
          .isGreaterThan(base.metrics().get("bench.sum_100k.mean_ns") * 2);
    }
  }
}
