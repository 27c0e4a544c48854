package dev.ratchet.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.workspace.ApplyResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: after any rejected edit, the repository (branches, index, working files) is
 * byte-identical to before. Edits are generated from a seeded random source: multi-file diffs
 * in which one file is broken in one of many ways, mixed with valid ones.
 */
class RejectedEditLeavesNoTraceTest {
  private static final int CASES = 300;
  private static final List<String> BAD_PATHS = List.of("../escape.rs", "/etc/passwd",
      ".git/config", "src/../../x.rs", ".cargo/config.toml", "rust-toolchain", "a\u0007b.rs",
      "C:\\x.rs", "~/.ssh/id", ".github/workflows/ci.yml");

  @TempDir Path dir;

  @Test
  void rejectedEdit_leavesRepositoryByteIdentical() throws IOException {
    Random random = new Random(20261204L);
    Map<String, String> files = new LinkedHashMap<>();
    for (int f = 0; f < 6; f++) {
      StringBuilder sb = new StringBuilder();
      for (int l = 0; l < 40; l++) {
        sb.append("fn f").append(f).append('_').append(l).append("() -> u32 { ").append(l)
            .append(" }\n");
      }
      files.put("src/m" + f + ".rs", sb.toString());
    }
    Path repo = TestRepos.create(dir.resolve("repo"), files);
    int rejected = 0;
    try (GitWorkspace ws = GitWorkspace.builder(repo).runId("prop").open()) {
      for (int n = 0; n < CASES; n++) {
        long seed = random.nextLong();
        String edit = generate(new Random(seed), files);
        Map<String, String> before = state(ws.root());

        ApplyResult result = ws.apply(Edit.patch(edit));

        if (result instanceof ApplyResult.Rejected) {
          rejected++;
          assertThat(state(ws.root())).as("seed %d, edit:%n%s", seed, edit).isEqualTo(before);
        } else {
          ws.rollback(ws.base());
        }
      }
    }
    assertThat(rejected).as("the generator must produce mostly rejections").isGreaterThan(200);
  }

  private static String generate(Random r, Map<String, String> files) {
    List<String> names = new ArrayList<>(files.keySet());
    int count = 1 + r.nextInt(4);
    int broken = r.nextInt(count + 1); // == count: no broken file (a valid edit)
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < count; k++) {
      String path = names.get(r.nextInt(names.size()));
      String[] lines = files.get(path).split("\n");
      int at = r.nextInt(lines.length - 3);
      String[] hunk = {lines[at], lines[at + 1], lines[at + 2]};
      String target = path;
      if (k == broken) {
        switch (r.nextInt(5)) {
          case 0 -> target = BAD_PATHS.get(r.nextInt(BAD_PATHS.size()));
          case 1 -> hunk[0] = hunk[0] + " // drifted";
          case 2 -> hunk[2] = "fn nowhere() {}";
          case 3 -> {
            sb.append("diff --git a/").append(path).append(" b/").append(path)
                .append("\nold mode 100644\nnew mode 120000\n");
            continue;
          }
          default -> target = "src/missing" + r.nextInt(9) + ".rs";
        }
      }
      sb.append("--- a/").append(target).append("\n+++ b/").append(target).append('\n')
          .append("@@ -").append(at + 1).append(",3 +").append(at + 1).append(",3 @@\n")
          .append(' ').append(hunk[0]).append('\n')
          .append('-').append(hunk[1]).append('\n')
          .append('+').append(hunk[1].replace("u32", "u64")).append('\n')
          .append(' ').append(hunk[2]).append('\n');
    }
    return sb.toString();
  }

  /** Every file under the work tree, .git included (refs, index, objects), as bytes. */
  private static Map<String, String> state(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        if (Files.isRegularFile(p)) {
          out.put(root.relativize(p).toString(),
              new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    }
    return out;
  }
}
