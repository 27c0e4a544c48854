package dev.ratchet.bench;

import dev.ratchet.action.Edit;
import dev.ratchet.git.GitWorkspace;
import dev.ratchet.loop.LoopEvent;
import dev.ratchet.testkit.GitRepos;
import dev.ratchet.transcript.TranscriptWriter;
import dev.ratchet.workspace.ApplyResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The loop's own overhead per iteration, without model or gates: apply a 20-hunk edit, commit it,
 * write a transcript event; on a generated repository of 2,000 files. The git CLI ({@code git
 * apply} + {@code git commit}) does the same work on a clone of the same repository in the same
 * run, and the ratio is printed.
 *
 * <p>Run with {@code scripts/bench-loop}. Arguments: {@code [iterations] [warmup]}.
 */
public final class LoopOverheadBenchmark {
  private static final int FILES = 2000;
  private static final int HUNKS = 20;
  private static final int LINES = 60;

  private LoopOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Path dir = Files.createTempDirectory("ratchet-bench");
    Path repo = repository(dir.resolve("repo"));
    String forwardDiff = diff(false);
    String backDiff = diff(true);

    long[] ratchet = new long[iterations];
    try (GitWorkspace ws = GitWorkspace.builder(repo).runId("bench").open();
        TranscriptWriter transcript = TranscriptWriter.open(dir.resolve("t.jsonl"))) {
      for (int i = 0; i < warmup + iterations; i++) {
        Edit edit = Edit.patch(i % 2 == 0 ? forwardDiff : backDiff);
        long t0 = System.nanoTime();
        ApplyResult r = ws.apply(edit);
        if (!(r instanceof ApplyResult.Applied a)) {
          throw new IllegalStateException("benchmark edit rejected: " + r);
        }
        ws.commit("iteration " + i);
        transcript.onEvent(new LoopEvent.EditApplied(i + 1, edit, a));
        long t = System.nanoTime() - t0;
        if (i >= warmup) {
          ratchet[i - warmup] = t;
        }
      }
    }

    Path clone = dir.resolve("cli");
    git(dir, "clone", "-q", repo.toString(), clone.toString());
    Files.writeString(dir.resolve("f.diff"), forwardDiff);
    Files.writeString(dir.resolve("b.diff"), backDiff);
    int cliRuns = Math.max(20, iterations / 4);
    long[] cli = new long[cliRuns];
    for (int i = 0; i < cliRuns + 5; i++) {
      long t0 = System.nanoTime();
      git(clone, "apply", dir.resolve(i % 2 == 0 ? "f.diff" : "b.diff").toString());
      git(clone, "-c", "user.name=b", "-c", "user.email=b@localhost", "commit", "-q", "-a",
          "-m", "iteration " + i);
      long t = System.nanoTime() - t0;
      if (i >= 5) {
        cli[i - 5] = t;
      }
    }
    double med = median(ratchet);
    double cliMed = median(cli);
    System.out.printf("repo: %d files; edit: %d hunks in %d files%n", FILES, HUNKS, HUNKS / 4);
    System.out.printf("ratchet apply+commit+transcript: median %.2f ms, p90 %.2f ms (n=%d)%n",
        med / 1e6, percentile(ratchet, 0.9) / 1e6, iterations);
    System.out.printf("git apply + git commit -a (CLI): median %.2f ms, p90 %.2f ms (n=%d)%n",
        cliMed / 1e6, percentile(cli, 0.9) / 1e6, cliRuns);
    System.out.printf("ratio ratchet/git: %.2f; target median <= 10 ms: %s%n", med / cliMed,
        med <= 10e6 ? "met" : "MISSED");
  }

  /** The generated 2,000-file repository, committed on main, in {@code repo}. */
  static Path repository(Path repo) throws IOException, InterruptedException {
    generate(repo);
    return GitRepos.commitAll(repo, "base");
  }

  private static void generate(Path repo) throws IOException {
    for (int f = 0; f < FILES; f++) {
      Path p = repo.resolve(String.format("crates/c%03d/src/m%02d.rs", f / 10, f % 10));
      Files.createDirectories(p.getParent());
      StringBuilder sb = new StringBuilder();
      for (int l = 0; l < LINES; l++) {
        sb.append("pub fn f").append(f).append('_').append(l).append("() -> u32 {\n    ")
            .append(l).append("\n}\n");
      }
      Files.writeString(p, sb.toString());
    }
  }

  /** Four hunks in each of five files; {@code back} undoes the forward edit. */
  private static String diff(boolean back) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < HUNKS / 4; k++) {
      int f = k * 397 % FILES;
      String path = String.format("crates/c%03d/src/m%02d.rs", f / 10, f % 10);
      sb.append("diff --git a/").append(path).append(" b/").append(path).append('\n')
          .append("--- a/").append(path).append("\n+++ b/").append(path).append('\n');
      for (int h = 0; h < 4; h++) {
        int fn = 5 + h * 12;
        int line = fn * 3 + 1;
        String old = "    " + fn;
        String neu = "    " + fn + " + 1";
        sb.append("@@ -").append(line).append(",3 +").append(line).append(",3 @@\n")
            .append(" pub fn f").append(f).append('_').append(fn).append("() -> u32 {\n")
            .append('-').append(back ? neu : old).append('\n')
            .append('+').append(back ? old : neu).append('\n')
            .append(" }\n");
      }
    }
    return sb.toString();
  }

  private static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(cmd + " failed: " + new String(out));
    }
  }

  private static double median(long[] xs) {
    return percentile(xs, 0.5);
  }

  private static double percentile(long[] xs, double q) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
  }
}
