package dev.ratchet.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.action.Action;
import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.action.InvalidCall;
import dev.ratchet.action.ReadFile;
import dev.ratchet.edit.EditApplier;
import dev.ratchet.edit.EditGuard;
import dev.ratchet.workspace.ApplyResult;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextProtocolTest {
  private static final String LIB = "pub fn add(a: i32, b: i32) -> i32 {\n    a - b\n}\n";
  private static final String FIXED = "pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n";

  @TempDir Path tmp;

  // ------------------------------------------------------------------------ instructions

  @Test
  void instructions_nameTheMarkersThePatchParserReads() {
    assertThat(TextProtocol.instructions()).contains("```diff", "--- a/PATH", "+++ b/PATH", "@@",
        "--- /dev/null", "+++ /dev/null", "\n<<<<<<< SEARCH\n", "\n=======\n",
        "\n>>>>>>> REPLACE\n", "READ path", "READ path:start-end", "DONE:");
  }

  @Test
  void instructions_diffExampleAppliesToTheFileItDescribes() throws IOException {
    String text = TextProtocol.instructions();
    int open = text.indexOf("```diff");
    String diff = text.substring(open, text.indexOf("```\n", open + 3) + 4);
    assertThat(TextProtocol.parse(diff)).containsExactly(Edit.patch(diff));
    assertThat(applied(diff)).isEqualTo(FIXED);
  }

  @Test
  void instructions_searchReplaceExampleAppliesToTheFileItDescribes() throws IOException {
    String text = TextProtocol.instructions();
    String block = text.substring(text.indexOf("src/lib.rs\n<<<<<<< SEARCH"),
        text.indexOf(">>>>>>> REPLACE\n") + ">>>>>>> REPLACE\n".length());
    assertThat(TextProtocol.parse(block)).containsExactly(Edit.patch(block));
    assertThat(applied(block)).isEqualTo(FIXED);
  }

  @Test
  void instructions_readAndDoneExamplesParse() {
    assertThat(TextProtocol.parse("READ src/lib.rs:1-80\nDONE: fixed add"))
        .containsExactly(new ReadFile("src/lib.rs", 1, 80), new Finish("fixed add"));
  }

  // ------------------------------------------------------------------------ edits

  @Test
  void parse_returnsPatchOfTheWholeReply_forProseAndFencedDiff() throws IOException {
    String reply = "The test fails because `add` subtracts. Here is the fix:\n\n"
        + "```diff\n"
        + "--- a/src/lib.rs\n"
        + "+++ b/src/lib.rs\n"
        + "@@ -1,3 +1,3 @@\n"
        + " pub fn add(a: i32, b: i32) -> i32 {\n"
        + "-    a - b\n"
        + "+    a + b\n"
        + " }\n"
        + "```\n\n"
        + "This makes `cargo test` pass.\n";
    assertThat(TextProtocol.parse(reply)).containsExactly(Edit.patch(reply));
    assertThat(applied(reply)).isEqualTo(FIXED);
  }

  @Test
  void parse_returnsPatch_forSearchReplaceBlocksInFences() throws IOException {
    String reply = "Two changes:\n\n"
        + "src/lib.rs\n"
        + "```rust\n"
        + "<<<<<<< SEARCH\n"
        + "    a - b\n"
        + "=======\n"
        + "    a + b\n"
        + ">>>>>>> REPLACE\n"
        + "```\n\n"
        + "tests/add.rs\n"
        + "```rust\n"
        + "<<<<<<< SEARCH\n"
        + "=======\n"
        + "#[test]\n"
        + "fn adds() {\n"
        + "    assert_eq!(geom::add(2, 2), 4);\n"
        + "}\n"
        + ">>>>>>> REPLACE\n"
        + "```\n";
    assertThat(TextProtocol.parse(reply)).containsExactly(Edit.patch(reply));
    assertThat(applied(reply)).isEqualTo(FIXED);
    assertThat(Files.readString(tmp.resolve("tests/add.rs"))).contains("fn adds()");
  }

  @Test
  void parse_returnsPatch_forAMalformedEdit_soTheWorkspaceExplains() {
    String reply = "```rust\n<<<<<<< SEARCH\n    a - b\n=======\n    a + b\n>>>>>>> REPLACE\n```\n";
    assertThat(TextProtocol.parse(reply)).containsExactly(Edit.patch(reply));
  }

  @TestFactory
  Stream<DynamicTest> parse_findsAnEditInEveryGoldenCaseTheParserReads()
      throws IOException, URISyntaxException {
    Path root = Paths.get(getClass().getResource("/patches").toURI());
    List<Path> cases;
    try (Stream<Path> list = Files.list(root)) {
      cases = list.filter(Files::isDirectory).sorted().toList();
    }
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      Properties expect = new Properties();
      try (Reader r = Files.newBufferedReader(c.resolve("expect.properties"))) {
        expect.load(r);
      }
      String edit = new String(Files.readAllBytes(c.resolve("edit.txt")), StandardCharsets.UTF_8);
      boolean empty = "EMPTY".equals(expect.getProperty("reason"));
      List<Action> actions = TextProtocol.parse(edit);
      if (empty) {
        assertThat(actions).noneMatch(a -> a instanceof Edit);
      } else {
        assertThat(actions).first().isEqualTo(Edit.patch(edit));
      }
    }));
  }

  // ------------------------------------------------------------------------ READ and DONE

  @Test
  void parse_returnsReadFiles_forReadLines() {
    String reply = "I need to see the code first.\n\n"
        + "READ src/lib.rs\n"
        + "READ src/main.rs:10-40\n"
        + "READ tests/it.rs:5-\n"
        + "READ benches/b.rs:7\n"
        + "`READ Cargo.toml`\n"
        + "READ src/lib.rs\n";
    assertThat(TextProtocol.parse(reply)).containsExactly(
        ReadFile.of("src/lib.rs"),
        new ReadFile("src/main.rs", 10, 40),
        new ReadFile("tests/it.rs", 5, Integer.MAX_VALUE),
        new ReadFile("benches/b.rs", 7, Integer.MAX_VALUE),
        ReadFile.of("Cargo.toml"));
  }

  @Test
  void parse_returnsInvalidCall_whenReadRangeIsBackwards() {
    List<Action> actions = TextProtocol.parse("READ src/lib.rs:40-10");
    assertThat(actions).hasSize(1).first().isInstanceOf(InvalidCall.class);
    InvalidCall c = (InvalidCall) actions.get(0);
    assertThat(c.tool()).isEqualTo("read_file");
    assertThat(c.problem()).contains("READ src/lib.rs:START-END", "READ src/lib.rs for the whole");
  }

  @Test
  void parse_ignoresReadAndDoneInsideProseAndDiffLines() {
    String reply = "You should READ the docs. I am not DONE yet.\n"
        + "```diff\n"
        + "--- a/notes.txt\n"
        + "+++ b/notes.txt\n"
        + "@@ -1,2 +1,2 @@\n"
        + " READ me\n"
        + "-DONE: old\n"
        + "+DONE: new\n"
        + "```\n";
    assertThat(TextProtocol.parse(reply)).containsExactly(Edit.patch(reply));
  }

  @Test
  void parse_returnsFinish_forDoneLine() {
    assertThat(TextProtocol.parse(
        "All tests pass now.\n\nDONE: add uses checked_add; added a test."))
        .containsExactly(new Finish("add uses checked_add; added a test."));
    assertThat(TextProtocol.parse("DONE")).containsExactly(new Finish(""));
    assertThat(TextProtocol.parse("**DONE: nothing left**\nDONE: second"))
        .containsExactly(new Finish("nothing left"));
  }

  @Test
  void parse_putsReadsThenFinishAfterTheEdit() {
    String reply = "DONE: fixed the sign\n\n"
        + "src/lib.rs\n"
        + "<<<<<<< SEARCH\n"
        + "    a - b\n"
        + "=======\n"
        + "    a + b\n"
        + ">>>>>>> REPLACE\n\n"
        + "READ src/lib.rs\n";
    assertThat(TextProtocol.parse(reply)).containsExactly(
        Edit.patch(reply), ReadFile.of("src/lib.rs"), new Finish("fixed the sign"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  \n",
      "I think the bug is in `add`; it subtracts instead of adding.",
      "```rust\nfn main() {}\n```"})
  void parse_returnsNothing_whenReplyHasNoEditReadOrDone(String reply) {
    assertThat(TextProtocol.parse(reply)).isEmpty();
  }

  // ------------------------------------------------------------------------ helpers

  /** Applies an edit to a tree holding src/lib.rs = LIB; returns the new src/lib.rs. */
  private String applied(String edit) throws IOException {
    Files.createDirectories(tmp.resolve("src"));
    Files.writeString(tmp.resolve("src/lib.rs"), LIB);
    ApplyResult r = EditApplier.create(tmp, EditGuard.defaults()).apply(Edit.patch(edit));
    assertThat(r).isInstanceOf(ApplyResult.Applied.class);
    return Files.readString(tmp.resolve("src/lib.rs"));
  }
}
