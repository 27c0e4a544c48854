package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ratchet.transcript.Json;
import dev.ratchet.workspace.ApplyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {
  static final String LIB = "pub fn answer() -> i32 {\n    41\n}\n";

  static final String FIX = """
      --- a/src/lib.rs
      +++ b/src/lib.rs
      @@ -1,3 +1,3 @@
       pub fn answer() -> i32 {
      -    41
      +    42
       }
      """;

  static final String NO_MATCH = """
      --- a/src/lib.rs
      +++ b/src/lib.rs
      @@ -1,3 +1,3 @@
       pub fn answer() -> i32 {
      -    7
      +    42
       }
      """;

  @TempDir Path dir;

  Path tree() {
    return TestRepo.files(dir.resolve("tree"), Map.of("src/lib.rs", LIB));
  }

  Path edit(String text) throws Exception {
    return Files.writeString(dir.resolve("edit.diff"), text);
  }

  @Test
  void apply_changesFile_whenDiffMatches() throws Exception {
    Path tree = tree();

    CliRun run = CliRun.of("apply", "--repo", tree.toString(), edit(FIX).toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("applied: src/lib.rs\n");
    assertThat(run.err()).isEmpty();
    assertThat(Files.readString(tree.resolve("src/lib.rs"))).contains("42").doesNotContain("41");
  }

  @Test
  void apply_reportsMatchLevel_whenHunkLineNumbersAreWrong() throws Exception {
    Path tree = TestRepo.files(dir.resolve("tree"),
        Map.of("src/lib.rs", "// header\n// more\n\n" + LIB));

    CliRun run = CliRun.of("apply", "--repo", tree.toString(), edit(FIX).toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("applied: src/lib.rs")
        .contains("src/lib.rs hunk 1 at line 4: EXACT_ELSEWHERE");
  }

  @Test
  void apply_exits3_andLeavesTreeUnchanged_whenHunkDoesNotMatch() throws Exception {
    Path tree = tree();
    Map<String, String> before = TestRepo.snapshot(tree);

    CliRun run = CliRun.of("apply", "--repo", tree.toString(), edit(NO_MATCH).toString());

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("rejected (NO_MATCH): ").contains("src/lib.rs");
    assertThat(TestRepo.snapshot(tree)).isEqualTo(before);
  }

  @Test
  void apply_printsAppliedJson_whenJsonIsSet() throws Exception {
    Path tree = tree();

    CliRun run = CliRun.of("apply", "--json", "--repo", tree.toString(), edit(FIX).toString());

    assertThat(run.exit()).isZero();
    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(json.path("type").asText()).isEqualTo("applied");
    assertThat(json.path("files").get(0).path("path").asText()).isEqualTo("src/lib.rs");
    assertThat(Json.mapper().readValue(run.out(), ApplyResult.class))
        .isInstanceOf(ApplyResult.Applied.class);
  }

  @Test
  void apply_printsRejectedJson_whenJsonIsSetAndEditIsRejected() throws Exception {
    Path tree = tree();

    CliRun run = CliRun.of("apply", "--json", "--repo", tree.toString(),
        edit(NO_MATCH).toString());

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).isEmpty();
    JsonNode json = Json.mapper().readTree(run.out());
    assertThat(json.path("type").asText()).isEqualTo("rejected");
    assertThat(json.path("reason").asText()).isEqualTo("NO_MATCH");
    assertThat(json.path("path").asText()).isEqualTo("src/lib.rs");
  }

  @Test
  void apply_readsEditFromStdin_whenEditFileIsDash() throws Exception {
    Path tree = tree();

    CliRun run = CliRun.withStdin("Here is the fix:\n```diff\n" + FIX + "```\n", "apply",
        "--repo", tree.toString(), "-");

    assertThat(run.exit()).isZero();
    assertThat(Files.readString(tree.resolve("src/lib.rs"))).contains("42");
  }

  @Test
  void apply_exits3_whenEditTouchesProtectedPath() throws Exception {
    Path tree = tree();
    String edit = "--- /dev/null\n+++ b/.cargo/config.toml\n@@ -0,0 +1 @@\n+[build]\n";

    CliRun run = CliRun.of("apply", "--repo", tree.toString(), edit(edit).toString());

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).startsWith("rejected (PROTECTED_PATH): ");
    assertThat(tree.resolve(".cargo")).doesNotExist();
  }

  @Test
  void apply_createsExecutableFile_onlyWhenAllowExecBitIsSet() throws Exception {
    Path tree = tree();
    Path edit = edit("diff --git a/run.sh b/run.sh\nnew file mode 100755\n--- /dev/null\n"
        + "+++ b/run.sh\n@@ -0,0 +1 @@\n+echo hi\n");

    CliRun refused = CliRun.of("apply", "--repo", tree.toString(), edit.toString());
    CliRun allowed = CliRun.of("apply", "--allow-exec-bit", "--repo", tree.toString(),
        edit.toString());

    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.err()).startsWith("rejected (FORBIDDEN_MODE): ");
    assertThat(allowed.exit()).isZero();
    assertThat(allowed.out()).isEqualTo("applied: run.sh (created)\n");
    assertThat(Files.getPosixFilePermissions(tree.resolve("run.sh")))
        .contains(PosixFilePermission.OWNER_EXECUTE);
  }

  @Test
  void apply_exits2_whenRepoOptionIsMissing() throws Exception {
    CliRun run = CliRun.of("apply", edit(FIX).toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--repo").contains("ratchet apply --help");
  }

  @Test
  void apply_exits4_whenRepoDoesNotExist() throws Exception {
    CliRun run = CliRun.of("apply", "--repo", dir.resolve("missing").toString(),
        edit(FIX).toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).startsWith("ratchet: no directory ").contains("pass --repo")
        .doesNotContain("Exception");
  }

  @Test
  void apply_exits4_whenEditFileCannotBeRead() {
    Path tree = tree();

    CliRun run = CliRun.of("apply", "--repo", tree.toString(), dir.resolve("nope.diff")
        .toString());

    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).startsWith("ratchet: could not read the edit file ")
        .hasLineCount(1);
  }

  /** The bundled example must keep showing the ladder: its hunk header is deliberately wrong. */
  @Test
  void bundledExample_appliesElsewhere_andRemovesUnusedVariable() throws Exception {
    Path example = Path.of("..", "examples", "tasks", "unused-variable");
    Path tree = TestRepo.copy(example.resolve("crate"), dir.resolve("crate"));

    CliRun run = CliRun.of("apply", "--repo", tree.toString(),
        example.resolve("fix.diff").toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("applied: src/lib.rs").contains("EXACT_ELSEWHERE");
    assertThat(Files.readString(tree.resolve("src/lib.rs"))).doesNotContain("let count");
  }
}
