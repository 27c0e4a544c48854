package dev.ratchet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Edit;
import dev.ratchet.edit.EditApplier;
import dev.ratchet.edit.EditGuard;
import dev.ratchet.engine.WriteBackDiff.FileChange;
import dev.ratchet.engine.WriteBackDiff.Kind;
import dev.ratchet.workspace.ApplyResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rendered diff must apply through the real patch engine to exactly the new content. */
class WriteBackDiffTest {
  @TempDir Path dir;

  static String lines(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i <= to; i++) {
      sb.append("line ").append(i).append('\n');
    }
    return sb.toString();
  }

  static Stream<Arguments> pairs() {
    String forty = lines(1, 40);
    return Stream.of(
        Arguments.of("one line changed", "fn a() {}\nfn b() {}\n", "fn a() {}\nfn c() {}\n"),
        Arguments.of("insert at the top", forty, "// header\n" + forty),
        Arguments.of("insert at the end", forty, forty + "tail\n"),
        Arguments.of("insert in the middle", forty, forty.replace("line 20\n", "line 20\nnew\n")),
        Arguments.of("delete lines", forty, forty.replace("line 3\nline 4\n", "")),
        Arguments.of("scattered changes make several hunks", forty,
            forty.replace("line 2\n", "two\n").replace("line 20\n", "twenty\n")
                .replace("line 39\n", "")),
        Arguments.of("everything replaced", "a\nb\nc\n", "x\ny\n"),
        Arguments.of("old without final newline", "a\nb", "a\nb\nc\n"),
        Arguments.of("new without final newline", "a\nb\n", "a\nb"),
        Arguments.of("both without final newline", "a\nb\nc", "a\nB\nc"),
        Arguments.of("last line changed, no newline", "a\nb", "a\nc"),
        Arguments.of("from empty", "", "fn main() {}\n"),
        Arguments.of("to empty", "fn main() {}\n", ""),
        Arguments.of("to empty from no newline", "x", ""),
        Arguments.of("blank lines", "a\n\n\nb\n", "a\n\nb\n\n"),
        Arguments.of("crlf file keeps crlf", "a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n"),
        Arguments.of("header-like lines", "x\n-- a\ny\n", "x\n++ b\ny\n"),
        Arguments.of("header-like lines kept as context",
            "--- a/x\n+++ b/x\n@@ -1 +1 @@\nkeep\nold\n",
            "--- a/x\n+++ b/x\n@@ -1 +1 @@\nkeep\nnew\n"),
        Arguments.of("diff git line", "diff --git a/x b/x\nold\n", "diff --git a/x b/x\nnew\n"),
        Arguments.of("fence and marker context",
            "/**\n```\nlet x = 1;\n```\n<<<<<<< SEARCH\n=======\n>>>>>>> REPLACE\n~~~\nold\n*/\n",
            "/**\n```\nlet x = 1;\n```\n<<<<<<< SEARCH\n=======\n>>>>>>> REPLACE\n~~~\nnew\n*/\n"),
        Arguments.of("fence changed", "a\n```rust\nb\n", "a\n```text\nb\n"),
        Arguments.of("backslash lines", "\\ not a marker\nold\n", "\\ not a marker\nnew\n"),
        Arguments.of("trailing whitespace matters", "a  \nb\n", "a\nb\n"),
        Arguments.of("indentation matters", "    a\nb\n", "\ta\nb\n"),
        Arguments.of("unicode", "let s = \"héllo – ✓\";\n", "let s = \"hello - ok\";\n"),
        Arguments.of("repeated lines", "x\nx\nx\nx\nx\nx\nx\nx\n", "x\nx\nx\ny\nx\nx\nx\nx\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void render_appliesExactly_throughThePatchEngine(String name, String before, String after)
      throws IOException {
    assertRoundTrip(List.of(new FileChange("src/lib.rs", Kind.MODIFIED, before, after)),
        before, after);
  }

  @Test
  void render_appliesExactly_forRandomEdits() throws IOException {
    Random random = new Random(42);
    for (int round = 0; round < 150; round++) {
      List<String> vocabulary = List.of("fn a() {}", "", "    let x = 1;", "}", "--- x",
          "++ y", "```", "// c", "x", "<<<<<<< SEARCH");
      List<String> old = new ArrayList<>();
      int size = random.nextInt(30);
      for (int i = 0; i < size; i++) {
        old.add(vocabulary.get(random.nextInt(vocabulary.size())));
      }
      List<String> neu = new ArrayList<>(old);
      int edits = 1 + random.nextInt(6);
      for (int e = 0; e < edits; e++) {
        int op = random.nextInt(3);
        if (op == 0 || neu.isEmpty()) {
          neu.add(random.nextInt(neu.size() + 1), "new " + random.nextInt(5));
        } else if (op == 1) {
          neu.remove(random.nextInt(neu.size()));
        } else {
          neu.set(random.nextInt(neu.size()), vocabulary.get(random.nextInt(vocabulary.size())));
        }
      }
      String before = join(old, random.nextBoolean());
      String after = join(neu, random.nextBoolean());
      if (before.equals(after)) {
        continue;
      }
      Path round_ = dir.resolve("r" + round);
      Files.createDirectories(round_);
      assertRoundTrip(round_, List.of(new FileChange("f.rs", Kind.MODIFIED, before, after)),
          "f.rs", before, after);
    }
  }

  @Test
  void render_fallsBackToOneBlock_whenTheDistanceIsHuge() throws IOException {
    StringBuilder before = new StringBuilder();
    StringBuilder after = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      before.append("a").append(i).append('\n');
      after.append("b").append(i).append('\n');
    }
    assertRoundTrip(List.of(new FileChange("src/lib.rs", Kind.MODIFIED, before.toString(),
        after.toString())), before.toString(), after.toString());
  }

  @Test
  void render_createsAndDeletesFiles_withQuotedPaths() throws IOException {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/old.rs"), "fn old() {}\n");
    Files.writeString(dir.resolve("src/keep.rs"), "fn keep() {}\n");
    List<FileChange> changes = List.of(
        new FileChange("src/new file \"q\".rs", Kind.CREATED, "", "fn new() {}"),
        new FileChange("src/empty.rs", Kind.CREATED, "", ""),
        new FileChange("src/keep.rs", Kind.MODIFIED, "fn keep() {}\n", "fn kept() {}\n"),
        new FileChange("src/old.rs", Kind.DELETED, "", ""),
        new FileChange("docs/ü.md", Kind.CREATED, "", "# ü\n"));

    ApplyResult result = EditApplier.create(dir, EditGuard.defaults())
        .apply(Edit.patch(WriteBackDiff.render(changes)));

    assertThat(result).isInstanceOf(ApplyResult.Applied.class);
    assertThat(Files.readString(dir.resolve("src/new file \"q\".rs"))).isEqualTo("fn new() {}");
    assertThat(dir.resolve("src/empty.rs")).exists().isEmptyFile();
    assertThat(Files.readString(dir.resolve("src/keep.rs"))).isEqualTo("fn kept() {}\n");
    assertThat(dir.resolve("src/old.rs")).doesNotExist();
    assertThat(Files.readString(dir.resolve("docs/ü.md"))).isEqualTo("# ü\n");
  }

  @Test
  void render_writesSmallHunks_withThreeLinesOfContext() {
    String before = lines(1, 40);
    String after = before.replace("line 20\n", "twenty\n");

    String diff = WriteBackDiff.render(List.of(new FileChange("a.rs", Kind.MODIFIED, before,
        after)));

    assertThat(diff).isEqualTo("diff --git a/a.rs b/a.rs\n--- a/a.rs\n+++ b/a.rs\n"
        + "@@ -17,7 +17,7 @@\n line 17\n line 18\n line 19\n+twenty\n-line 20\n line 21\n"
        + " line 22\n line 23\n");
  }

  @Test
  void sameLines_ignoresLineEndingsOnly() {
    assertThat(WriteBackDiff.sameLines("a\r\nb\r\n", "a\nb\n")).isTrue();
    assertThat(WriteBackDiff.sameLines("a\nb\n", "a\nb")).isFalse();
  }

  private static String join(List<String> lines, boolean finalNewline) {
    if (lines.isEmpty()) {
      return "";
    }
    String s = String.join("\n", lines);
    return finalNewline ? s + "\n" : s;
  }

  private void assertRoundTrip(List<FileChange> changes, String before, String after)
      throws IOException {
    assertRoundTrip(dir, changes, "src/lib.rs", before, after);
  }

  private static void assertRoundTrip(Path root, List<FileChange> changes, String path,
      String before, String after) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, before.getBytes(StandardCharsets.UTF_8));
    String diff = WriteBackDiff.render(changes);

    ApplyResult result = EditApplier.create(root, EditGuard.defaults()).apply(Edit.patch(diff));

    assertThat(result).as("applying\n%s", diff).isInstanceOf(ApplyResult.Applied.class);
    assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
        .as("result of\n%s", diff).isEqualTo(after);
  }
}
