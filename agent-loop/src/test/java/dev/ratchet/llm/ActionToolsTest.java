package dev.ratchet.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import dev.ratchet.action.Action;
import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.action.InvalidCall;
import dev.ratchet.action.ReadFile;
import dev.ratchet.action.RunCommand;
import dev.ratchet.model.ToolSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActionToolsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final String DIFF = "--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -1,3 +1,3 @@\n"
      + " pub fn add(a: i32, b: i32) -> i32 {\n-    a - b\n+    a + b\n }\n";

  // ------------------------------------------------------------------------ specs

  @Test
  void specs_listsTheSixToolsInOrder() {
    assertThat(ActionTools.specs()).extracting(ToolSpec::name).containsExactly(
        "apply_patch", "edit", "write_file", "read_file", "run_command", "finish");
    assertThat(ActionTools.specs())
        .allSatisfy(s -> assertThat(s.description()).hasSizeGreaterThan(40));
  }

  @Test
  void specs_schemasAreValidClosedObjectSchemas() throws Exception {
    JsonSchema meta = metaSchema();
    for (ToolSpec spec : ActionTools.specs()) {
      JsonNode schema = JSON.readTree(spec.parametersSchema());
      assertThat(meta.validate(schema)).as(spec.name()).isEmpty();
      SCHEMAS.getSchema(schema);
      assertThat(schema.get("type").asText()).isEqualTo("object");
      assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
      List<String> optional = spec.name().equals("read_file") ? List.of("start", "end") : List.of();
      List<String> expectedRequired = new ArrayList<>(names(schema.get("properties")));
      expectedRequired.removeAll(optional);
      assertThat(texts(schema.get("required"))).as(spec.name()).isEqualTo(expectedRequired);
    }
  }

  @Test
  void specs_describeEachPropertyWithTheExpectedTypes() throws Exception {
    JsonNode readFile = schemaOf("read_file");
    assertThat(names(readFile.get("properties"))).containsExactly("path", "start", "end");
    assertThat(readFile.at("/properties/start/type").asText()).isEqualTo("integer");
    assertThat(readFile.at("/properties/start/minimum").asInt()).isEqualTo(1);
    assertThat(readFile.at("/properties/start/description").asText()).endsWith("; omit to start"
        + " at line 1");
    JsonNode run = schemaOf("run_command");
    assertThat(run.at("/properties/argv/type").asText()).isEqualTo("array");
    assertThat(run.at("/properties/argv/items/type").asText()).isEqualTo("string");
    assertThat(run.at("/properties/argv/minItems").asInt()).isEqualTo(1);
    assertThat(run.at("/properties/argv/maxItems").asInt()).isEqualTo(64);
    assertThat(names(schemaOf("apply_patch").get("properties"))).containsExactly("diff");
    assertThat(names(schemaOf("edit").get("properties")))
        .containsExactly("path", "search", "replace");
    assertThat(names(schemaOf("write_file").get("properties"))).containsExactly("path", "content");
    assertThat(names(schemaOf("finish").get("properties"))).containsExactly("summary");
  }

  // ------------------------------------------------------------------------ happy paths

  @Test
  void toAction_returnsPatch_forApplyPatch() throws Exception {
    String args = JSON.writeValueAsString(java.util.Map.of("diff", DIFF));
    assertThat(ActionTools.toAction("apply_patch", args)).isEqualTo(Edit.patch(DIFF));
  }

  @Test
  void toAction_keepsFenceAndProse_forApplyPatch() {
    Action a = ActionTools.toAction("apply_patch",
        "{\"diff\": \"Fix:\\n```diff\\n--- a/x.rs\\n+++ b/x.rs\\n@@ -1 +1 @@\\n-a\\n+b\\n```\"}");
    assertThat(a).isEqualTo(
        Edit.patch("Fix:\n```diff\n--- a/x.rs\n+++ b/x.rs\n@@ -1 +1 @@\n-a\n+b\n```"));
  }

  @Test
  void toAction_returnsReplace_forEdit() {
    assertThat(ActionTools.toAction("edit",
        "{\"path\": \"src/lib.rs\", \"search\": \"    a - b\\n\", \"replace\": \"    a + b\\n\"}"))
        .isEqualTo(Edit.replace("src/lib.rs", "    a - b\n", "    a + b\n"));
  }

  @Test
  void toAction_acceptsEmptySearchAndReplace_forEdit() {
    assertThat(ActionTools.toAction("edit",
        "{\"path\": \"tests/new.rs\", \"search\": \"\", \"replace\": \"\"}"))
        .isEqualTo(Edit.replace("tests/new.rs", "", ""));
  }

  @Test
  void toAction_returnsWriteFile_forWriteFile() {
    assertThat(ActionTools.toAction("write_file",
        "{\"path\": \"src/shapes.rs\", \"content\": \"pub struct Rect;\\n\"}"))
        .isEqualTo(Edit.writeFile("src/shapes.rs", "pub struct Rect;\n"));
    assertThat(ActionTools.toAction("write_file", "{\"path\": \"empty.txt\", \"content\": \"\"}"))
        .isEqualTo(Edit.writeFile("empty.txt", ""));
  }

  @Test
  void toAction_returnsWholeFileRead_whenReadFileHasNoRange() {
    assertThat(ActionTools.toAction("read_file", "{\"path\": \"src/lib.rs\"}"))
        .isEqualTo(ReadFile.of("src/lib.rs"));
  }

  @Test
  void toAction_returnsLineRange_whenReadFileHasStartOrEnd() {
    assertThat(ActionTools.toAction("read_file", "{\"path\": \"src/lib.rs\", \"start\": 10,"
        + " \"end\": 40}")).isEqualTo(new ReadFile("src/lib.rs", 10, 40));
    assertThat(ActionTools.toAction("read_file", "{\"path\": \"src/lib.rs\", \"start\": 10}"))
        .isEqualTo(new ReadFile("src/lib.rs", 10, Integer.MAX_VALUE));
    assertThat(ActionTools.toAction("read_file", "{\"path\": \"src/lib.rs\", \"end\": 40}"))
        .isEqualTo(new ReadFile("src/lib.rs", 1, 40));
    assertThat(ActionTools.toAction("read_file", "{\"path\": \"a.rs\", \"start\": 7, \"end\": 7}"))
        .isEqualTo(new ReadFile("a.rs", 7, 7));
  }

  @Test
  void toAction_treatsNullOptionalFieldsAsAbsent() {
    assertThat(ActionTools.toAction("read_file",
        "{\"path\": \"src/lib.rs\", \"start\": null, \"end\": null}"))
        .isEqualTo(ReadFile.of("src/lib.rs"));
  }

  @Test
  void toAction_returnsRunCommand_forRunCommand() {
    assertThat(ActionTools.toAction("run_command", "{\"argv\": [\"cargo\", \"test\", \"--lib\"]}"))
        .isEqualTo(RunCommand.of("cargo", "test", "--lib"));
  }

  @Test
  void toAction_returnsFinish_forFinish() {
    assertThat(ActionTools.toAction("finish", "{\"summary\": \"add uses checked_add now.\"}"))
        .isEqualTo(new Finish("add uses checked_add now."));
  }

  @Test
  void toAction_acceptsDoubleEncodedArguments() throws Exception {
    String inner = "{\"argv\": [\"cargo\", \"test\"]}";
    String doubleEncoded = JSON.writeValueAsString(inner);
    assertThat(ActionTools.toAction("run_command", doubleEncoded))
        .isEqualTo(RunCommand.of("cargo", "test"));
  }

  // ------------------------------------------------------------------------ invalid calls

  @Test
  void toAction_returnsInvalidCall_whenToolIsUnknown() {
    InvalidCall c = invalid(ActionTools.toAction("apply_diff", "{\"diff\": \"x\"}"));
    assertThat(c.tool()).isEqualTo("apply_diff");
    assertThat(c.arguments()).isEqualTo("{\"diff\": \"x\"}");
    assertThat(c.problem()).contains("no tool named 'apply_diff'", "Did you mean apply_patch?",
        "apply_patch, edit, write_file, read_file, run_command, finish");
  }

  @Test
  void toAction_capsTheToolName_whenUnknownNameIsHuge() {
    InvalidCall c = invalid(ActionTools.toAction("x".repeat(10_000), "{}"));
    assertThat(c.tool().length()).isLessThan(200);
    assertThat(c.problem().length()).isLessThan(400);
  }

  @Test
  void toAction_returnsInvalidCall_whenArgumentsAreNotJson() {
    InvalidCall c = invalid(ActionTools.toAction("read_file", "path=src/lib.rs"));
    assertThat(c.tool()).isEqualTo("read_file");
    assertThat(c.arguments()).isEqualTo("path=src/lib.rs");
    assertThat(c.problem()).startsWith("The arguments are not valid JSON")
        .contains("Call it like this: read_file {\"path\": \"src/lib.rs\"");
  }

  @Test
  void toAction_returnsInvalidCall_whenObjectHasTrailingComma() {
    InvalidCall c = invalid(ActionTools.toAction("read_file", "{\"path\": \"src/lib.rs\",}"));
    assertThat(c.problem()).contains("trailing comma before '}'", "line 1", "remove it");
  }

  @Test
  void toAction_returnsInvalidCall_whenArrayHasTrailingComma() {
    InvalidCall c = invalid(ActionTools.toAction("run_command",
        "{\"argv\": [\"cargo\", \"test\",\n  ]}"));
    assertThat(c.problem()).contains("trailing comma before ']'", "line 2");
  }

  @Test
  void toAction_returnsInvalidCall_whenArgumentsUseSingleQuotes() {
    InvalidCall c = invalid(ActionTools.toAction("read_file", "{'path': 'src/lib.rs'}"));
    assertThat(c.problem()).contains("double quotes, not single quotes");
  }

  @Test
  void toAction_returnsInvalidCall_whenFieldNamesAreUnquoted() {
    InvalidCall c = invalid(ActionTools.toAction("read_file", "{path: \"src/lib.rs\"}"));
    assertThat(c.problem()).contains("field names need double quotes");
  }

  @Test
  void toAction_returnsInvalidCall_whenArgumentsAreInAFence() {
    InvalidCall c = invalid(ActionTools.toAction("finish",
        "```json\n{\"summary\": \"done\"}\n```"));
    assertThat(c.problem()).contains("markdown fence", "bare JSON object");
  }

  @Test
  void toAction_returnsInvalidCall_whenStringHasARawLineBreak() {
    InvalidCall c = invalid(ActionTools.toAction("write_file",
        "{\"path\": \"a.rs\", \"content\": \"fn main() {\n}\"}"));
    assertThat(c.problem()).contains("escape line breaks as \\n");
  }

  @Test
  void toAction_returnsInvalidCall_whenValueIsPythonLiteral() {
    InvalidCall c = invalid(ActionTools.toAction("read_file",
        "{\"path\": \"a.rs\", \"start\": None}"));
    assertThat(c.problem()).contains("true, false and null in lower case");
  }

  @Test
  void toAction_returnsInvalidCall_whenJsonIsTruncated() {
    InvalidCall c = invalid(ActionTools.toAction("apply_patch", "{\"diff\": \"--- a/x.rs\\n+++"));
    assertThat(c.problem()).contains("ends early");
  }

  @Test
  void toAction_returnsInvalidCall_whenTextFollowsTheObject() {
    InvalidCall c = invalid(ActionTools.toAction("finish",
        "{\"summary\": \"a\"} {\"summary\": \"b\"}"));
    assertThat(c.problem()).contains("more text after the JSON value", "exactly one object");
  }

  @Test
  void toAction_returnsInvalidCall_whenABraceIsUnmatched() {
    InvalidCall c = invalid(ActionTools.toAction("finish", "{\"summary\": \"a\"}}"));
    assertThat(c.problem()).contains("unmatched '}'");
  }

  @Test
  void toAction_returnsInvalidCall_whenFieldIsDuplicated() {
    InvalidCall c = invalid(ActionTools.toAction("read_file",
        "{\"path\": \"a.rs\", \"path\": \"b.rs\"}"));
    assertThat(c.problem()).contains("the field 'path' appears twice");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n"})
  void toAction_returnsInvalidCall_whenArgumentsAreEmpty(String args) {
    InvalidCall c = invalid(ActionTools.toAction("finish", args));
    assertThat(c.problem()).startsWith("The arguments are empty: send a JSON object.")
        .contains("finish {\"summary\": ");
  }

  @Test
  void toAction_returnsInvalidCall_whenDoubleEncodedJsonIsBroken() throws Exception {
    String doubleEncoded = JSON.writeValueAsString("{\"argv\": [\"cargo\",]}");
    InvalidCall c = invalid(ActionTools.toAction("run_command", doubleEncoded));
    assertThat(c.problem()).contains("JSON string holding broken JSON", "trailing comma",
        "not a string");
  }

  @Test
  void toAction_decodesDoubleEncodingOnlyOnce() throws Exception {
    String twice = JSON.writeValueAsString(JSON.writeValueAsString("{\"summary\": \"x\"}"));
    InvalidCall c = invalid(ActionTools.toAction("finish", twice));
    assertThat(c.problem()).contains("must be a JSON object, got a string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[\"cargo\", \"test\"]", "\"cargo test\"", "42", "null", "true"})
  void toAction_returnsInvalidCall_whenArgumentsAreNotAnObject(String args) {
    InvalidCall c = invalid(ActionTools.toAction("run_command", args));
    assertThat(c.problem()).startsWith("The arguments must be a JSON object, got ")
        .contains("run_command {\"argv\": [\"cargo\", \"test\"]}");
  }

  @Test
  void toAction_returnsInvalidCall_whenRequiredFieldIsMissing() {
    InvalidCall c = invalid(ActionTools.toAction("edit",
        "{\"path\": \"src/lib.rs\", \"search\": \"a - b\"}"));
    assertThat(c.tool()).isEqualTo("edit");
    assertThat(c.problem()).startsWith("Invalid arguments for edit: the field replace is missing:"
        + " it must be a string");
  }

  @Test
  void toAction_returnsInvalidCall_whenArgvIsAString() {
    InvalidCall c = invalid(ActionTools.toAction("run_command", "{\"argv\": \"cargo test\"}"));
    assertThat(c.problem()).contains(
        "argv must be an array of strings, got a string: pass [\"cargo\", \"test\"]");
  }

  @Test
  void toAction_suggestsTheSplitCommand_whenArgvIsACommandLineString() {
    InvalidCall c = invalid(ActionTools.toAction("run_command",
        "{\"argv\": \"cargo test --lib -- --nocapture\"}"));
    assertThat(c.problem()).contains(
        "pass [\"cargo\", \"test\", \"--lib\", \"--\", \"--nocapture\"]");
    InvalidCall shell = invalid(ActionTools.toAction("run_command",
        "{\"argv\": \"cargo test | tee log\"}"));
    assertThat(shell.problem()).contains("pass [\"cargo\", \"test\"]");
  }

  @Test
  void toAction_returnsInvalidCall_whenArgvHoldsANumber() {
    InvalidCall c = invalid(ActionTools.toAction("run_command",
        "{\"argv\": [\"cargo\", \"build\", \"--jobs\", 2]}"));
    assertThat(c.problem()).contains("got a number at argv[3]", "quote every argument");
  }

  @Test
  void toAction_returnsInvalidCall_whenArgvIsEmpty() {
    InvalidCall c = invalid(ActionTools.toAction("run_command", "{\"argv\": []}"));
    assertThat(c.problem()).contains("argv is empty: name the program to run");
  }

  @Test
  void toAction_returnsInvalidCall_whenArgvHasTooManyItems() throws Exception {
    String args = JSON.writeValueAsString(
        java.util.Map.of("argv", Collections.nCopies(65, "x")));
    InvalidCall c = invalid(ActionTools.toAction("run_command", args));
    assertThat(c.problem()).contains("argv has 65 items; the limit is 64");
  }

  @Test
  void toAction_returnsInvalidCall_whenArgvZeroIsAWholeCommandLine() {
    InvalidCall c = invalid(ActionTools.toAction("run_command", "{\"argv\": [\"cargo test\"]}"));
    assertThat(c.problem()).contains("a whole command line in one string",
        "[\"cargo\", \"test\"]");
    InvalidCall blank = invalid(ActionTools.toAction("run_command", "{\"argv\": [\"\", \"x\"]}"));
    assertThat(blank.problem()).contains("argv[0] is empty");
  }

  @Test
  void toAction_returnsInvalidCall_whenStartIsAString() {
    InvalidCall c = invalid(ActionTools.toAction("read_file",
        "{\"path\": \"src/lib.rs\", \"start\": \"10\"}"));
    assertThat(c.problem()).contains("start must be an integer of at least 1",
        "got a string: write 10 without quotes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "2.5"})
  void toAction_returnsInvalidCall_whenStartIsNotALineNumber(String start) {
    InvalidCall c = invalid(ActionTools.toAction("read_file",
        "{\"path\": \"src/lib.rs\", \"start\": " + start + "}"));
    assertThat(c.problem()).contains("start must be an integer of at least 1 (a 1-based line"
        + " number), got " + start);
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999", "1e20"})
  void toAction_returnsInvalidCall_whenLineNumberIsTooLarge(String start) {
    InvalidCall c = invalid(ActionTools.toAction("read_file",
        "{\"path\": \"src/lib.rs\", \"start\": " + start + "}"));
    assertThat(c.problem()).contains("start is too large for a line number");
  }

  @Test
  void toAction_returnsInvalidCall_whenEndIsBeforeStart() {
    InvalidCall c = invalid(ActionTools.toAction("read_file",
        "{\"path\": \"src/lib.rs\", \"start\": 40, \"end\": 10}"));
    assertThat(c.problem()).contains("end (10) is before start (40)");
  }

  @Test
  void toAction_returnsInvalidCall_whenFieldIsUnknown() {
    InvalidCall c = invalid(ActionTools.toAction("write_file",
        "{\"path\": \"a.rs\", \"content\": \"x\", \"mode\": \"0644\"}"));
    assertThat(c.problem()).contains("there is no field mode (write_file takes path, content)");
  }

  @Test
  void toAction_returnsInvalidCall_whenFieldHasTheWrongType() {
    InvalidCall c = invalid(ActionTools.toAction("finish", "{\"summary\": [\"a\", \"b\"]}"));
    assertThat(c.problem()).contains("summary must be a string, got an array");
  }

  @Test
  void toAction_listsEveryProblemInFieldOrder() {
    InvalidCall c = invalid(ActionTools.toAction("edit",
        "{\"extra\": 1, \"replace\": 3, \"search\": \"x\"}"));
    assertThat(c.problem()).containsSubsequence("the field path is missing",
        "replace must be a string, got a number", "there is no field extra");
  }

  @ParameterizedTest
  @MethodSource("emptyPaths")
  void toAction_returnsInvalidCall_whenPathIsEmpty(String tool, String args) {
    InvalidCall c = invalid(ActionTools.toAction(tool, args));
    assertThat(c.problem()).contains("path is empty: give the file, relative to the workspace"
        + " root");
  }

  static Stream<Arguments> emptyPaths() {
    return Stream.of(
        Arguments.of("read_file", "{\"path\": \"\"}"),
        Arguments.of("read_file", "{\"path\": \"   \"}"),
        Arguments.of("write_file", "{\"path\": \"\", \"content\": \"x\"}"),
        Arguments.of("edit", "{\"path\": \"\", \"search\": \"a\", \"replace\": \"b\"}"));
  }

  @Test
  void toAction_returnsInvalidCall_whenDiffIsEmpty() {
    InvalidCall c = invalid(ActionTools.toAction("apply_patch", "{\"diff\": \" \\n\"}"));
    assertThat(c.problem()).contains("diff is empty");
  }

  @Test
  void toAction_returnsInvalidCall_whenArgumentsExceedOneMebibyte() throws Exception {
    String content = "x".repeat(2 * 1024 * 1024);
    String args = JSON.writeValueAsString(java.util.Map.of("path", "big.txt", "content", content));
    InvalidCall c = invalid(ActionTools.toAction("write_file", args));
    assertThat(c.problem()).contains("the limit is 1048576 (1 MiB)", "apply_patch");
    assertThat(c.arguments().length()).isLessThan(InvalidCall.MAX_ARGUMENTS + 100);
  }

  @Test
  void toAction_countsUtf8Bytes_forTheSizeLimit() throws Exception {
    String content = "é".repeat(600 * 1024);
    String args = JSON.writeValueAsString(java.util.Map.of("path", "a.txt", "content", content));
    assertThat(ActionTools.toAction("write_file", args)).isInstanceOf(InvalidCall.class);
  }

  // ------------------------------------------------------------------------ inverse

  @ParameterizedTest
  @MethodSource("canonicalCalls")
  void arguments_roundTripsCanonicalArguments(String tool, String args) {
    Action a = ActionTools.toAction(tool, args);
    assertThat(a).isNotInstanceOf(InvalidCall.class);
    assertThat(ActionTools.toolName(a)).isEqualTo(tool);
    assertThat(ActionTools.arguments(a)).isEqualTo(args);
  }

  static Stream<Arguments> canonicalCalls() {
    return Stream.of(
        Arguments.of("apply_patch",
            "{\"diff\":\"--- a/x.rs\\n+++ b/x.rs\\n@@ -1 +1 @@\\n-a\\n+b\\n\"}"),
        Arguments.of("edit",
            "{\"path\":\"src/lib.rs\",\"search\":\"a - b\",\"replace\":\"a + b\"}"),
        Arguments.of("write_file", "{\"path\":\"src/a.rs\",\"content\":\"fn a() {}\\n\"}"),
        Arguments.of("read_file", "{\"path\":\"src/lib.rs\"}"),
        Arguments.of("read_file", "{\"path\":\"src/lib.rs\",\"start\":10,\"end\":40}"),
        Arguments.of("read_file", "{\"path\":\"src/lib.rs\",\"start\":10}"),
        Arguments.of("read_file", "{\"path\":\"src/lib.rs\",\"start\":1,\"end\":5}"),
        Arguments.of("run_command", "{\"argv\":[\"cargo\",\"test\",\"--\",\"--nocapture\"]}"),
        Arguments.of("finish", "{\"summary\":\"Done: \\\"quoted\\\" and ünïcode.\"}"));
  }

  @Test
  void toAction_invertsArguments_forEveryAction() {
    List<Action> actions = List.of(Edit.patch(DIFF), Edit.replace("a.rs", "x\n", ""),
        Edit.writeFile("b.rs", ""), ReadFile.of("c.rs"), new ReadFile("c.rs", 3, 9),
        new ReadFile("c.rs", 3, Integer.MAX_VALUE), RunCommand.of("cargo", "clippy"),
        new Finish(""));
    for (Action a : actions) {
      assertThat(ActionTools.toAction(ActionTools.toolName(a), ActionTools.arguments(a)))
          .isEqualTo(a);
    }
  }

  @Test
  void toolNameAndArguments_returnWhatTheModelSent_forInvalidCall() {
    InvalidCall c = new InvalidCall("grep", "{\"pattern\": \"x\"}", "no such tool");
    assertThat(ActionTools.toolName(c)).isEqualTo("grep");
    assertThat(ActionTools.arguments(c)).isEqualTo("{\"pattern\": \"x\"}");
  }

  // ------------------------------------------------------------------------ JSON channel

  @Test
  void replySchema_isAValidJsonSchema() throws Exception {
    JsonNode schema = JSON.readTree(ActionTools.replySchema());
    assertThat(metaSchema().validate(schema)).isEmpty();
    SCHEMAS.getSchema(schema);
  }

  @Test
  void replySchema_isStrictCompatible() throws Exception {
    List<String> objects = new ArrayList<>();
    walkObjects(JSON.readTree(ActionTools.replySchema()), "$", objects);
    assertThat(objects).hasSize(1 + 6);
  }

  @Test
  void replySchema_hasOneBranchPerToolWithANullableOptionalField() throws Exception {
    JsonNode schema = JSON.readTree(ActionTools.replySchema());
    assertThat(names(schema.get("properties"))).containsExactly("thinking", "actions");
    JsonNode branches = schema.at("/properties/actions/items/anyOf");
    List<String> tools = new ArrayList<>();
    for (JsonNode b : branches) {
      assertThat(b.at("/properties/tool/enum")).hasSize(1);
      tools.add(b.at("/properties/tool/enum/0").asText());
      assertThat(names(b.get("properties")).get(0)).isEqualTo("tool");
    }
    assertThat(tools).containsExactly(
        "apply_patch", "edit", "write_file", "read_file", "run_command", "finish");
    JsonNode readFile = branches.get(3);
    assertThat(texts(readFile.at("/properties/start/type"))).containsExactly("integer", "null");
    assertThat(texts(readFile.get("required"))).containsExactly("tool", "path", "start", "end");
    assertThat(readFile.at("/properties/start/description").asText()).endsWith("; null to start"
        + " at line 1");
  }

  @Test
  void replySchema_acceptsARealisticReply() throws Exception {
    JsonSchema schema = SCHEMAS.getSchema(ActionTools.replySchema());
    assertThat(schema.validate(JSON.readTree(realisticReply()))).isEmpty();
    assertThat(schema.validate(JSON.readTree("{\"thinking\": \"x\", \"actions\": [{\"tool\":"
        + " \"finish\"}]}"))).isNotEmpty();
  }

  @Test
  void fromStructuredReply_mapsEachAction_forARealisticReply() throws Exception {
    assertThat(ActionTools.fromStructuredReply(realisticReply())).containsExactly(
        ReadFile.of("src/lib.rs"),
        Edit.patch(DIFF),
        Edit.replace("src/main.rs", "let a = 1;", "let a = 2;"),
        Edit.writeFile("tests/add.rs", "#[test]\nfn adds() {}\n"),
        new ReadFile("src/lib.rs", 20, 30),
        RunCommand.of("cargo", "test"),
        new Finish("add no longer subtracts."));
  }

  @Test
  void fromStructuredReply_returnsEmptyList_whenThereAreNoActions() {
    assertThat(ActionTools.fromStructuredReply("{\"thinking\": \"hmm\", \"actions\": []}"))
        .isEmpty();
  }

  @Test
  void fromStructuredReply_replacesOnlyTheBadElements_withInvalidCalls() {
    List<Action> actions = ActionTools.fromStructuredReply("{\"thinking\": \"\", \"actions\": ["
        + "{\"tool\": \"run_command\", \"argv\": \"cargo test\"},"
        + "{\"tool\": \"finish\", \"summary\": \"ok\"},"
        + "{\"tool\": \"grep\", \"pattern\": \"fn\"},"
        + "{\"summary\": \"no tool\"},"
        + "\"finish\","
        + "{\"tool\": \"read_file\", \"path\": \"a.rs\", \"start\": 5, \"end\": 2}]}");
    assertThat(actions).hasSize(6);
    assertThat(actions.get(1)).isEqualTo(new Finish("ok"));
    InvalidCall argv = invalid(actions.get(0));
    assertThat(argv.tool()).isEqualTo("run_command");
    assertThat(argv.arguments()).isEqualTo("{\"tool\":\"run_command\",\"argv\":\"cargo test\"}");
    assertThat(argv.problem()).contains("argv must be an array of strings, got a string",
        "Write it like this: {\"tool\": \"run_command\", \"argv\": [\"cargo\", \"test\"]}");
    assertThat(invalid(actions.get(2)).problem()).contains("no tool named 'grep'");
    assertThat(invalid(actions.get(3)).tool()).isEqualTo("reply");
    assertThat(invalid(actions.get(3)).problem()).contains("needs a tool field");
    assertThat(invalid(actions.get(4)).problem()).contains("must be an object", "got a string");
    assertThat(invalid(actions.get(5)).problem()).contains("end (2) is before start (5)");
  }

  @Test
  void fromStructuredReply_rejectsAFieldOfAnotherTool() {
    InvalidCall c = invalid(ActionTools.fromStructuredReply("{\"thinking\": \"\", \"actions\": ["
        + "{\"tool\": \"finish\", \"summary\": \"ok\", \"path\": \"a.rs\"}]}").get(0));
    assertThat(c.problem()).contains("there is no field path (finish takes summary)");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "I will fix the bug by editing src/lib.rs.",
      "{\"thinking\": \"x\", \"actions\": [{\"tool\": \"finish\", \"summary\": \"ok\"},]}",
      ""})
  void fromStructuredReply_returnsOneReplyInvalidCall_whenReplyIsNotJson(String reply) {
    List<Action> actions = ActionTools.fromStructuredReply(reply);
    assertThat(actions).hasSize(1);
    InvalidCall c = invalid(actions.get(0));
    assertThat(c.tool()).isEqualTo("reply");
    assertThat(c.arguments()).isEqualTo(reply);
    assertThat(c.problem()).startsWith("The reply is not valid JSON")
        .contains("{\"thinking\": \"...\", \"actions\": [");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"thinking\": \"x\"}",
      "{\"thinking\": \"x\", \"actions\": {\"tool\": \"finish\", \"summary\": \"ok\"}}",
      "[{\"tool\": \"finish\", \"summary\": \"ok\"}]"})
  void fromStructuredReply_returnsOneReplyInvalidCall_whenThereIsNoActionsArray(String reply) {
    List<Action> actions = ActionTools.fromStructuredReply(reply);
    assertThat(actions).hasSize(1);
    assertThat(invalid(actions.get(0)).problem())
        .contains("must be a JSON object with an actions array");
  }

  @Test
  void fromStructuredReply_refusesAReplyOverOneMebibyte() throws Exception {
    String reply = JSON.writeValueAsString(java.util.Map.of("thinking", "x".repeat(1 << 21),
        "actions", List.of()));
    InvalidCall c = invalid(ActionTools.fromStructuredReply(reply).get(0));
    assertThat(c.tool()).isEqualTo("reply");
    assertThat(c.problem()).contains("the limit is 1048576");
  }

  // ------------------------------------------------------------------------ helpers

  private static String realisticReply() throws Exception {
    var actions = JSON.createArrayNode();
    actions.addObject().put("tool", "read_file").put("path", "src/lib.rs").putNull("start")
        .putNull("end");
    actions.addObject().put("tool", "apply_patch").put("diff", DIFF);
    actions.addObject().put("tool", "edit").put("path", "src/main.rs").put("search", "let a = 1;")
        .put("replace", "let a = 2;");
    actions.addObject().put("tool", "write_file").put("path", "tests/add.rs")
        .put("content", "#[test]\nfn adds() {}\n");
    actions.addObject().put("tool", "read_file").put("path", "src/lib.rs").put("start", 20)
        .put("end", 30);
    var run = actions.addObject().put("tool", "run_command");
    run.putArray("argv").add("cargo").add("test");
    actions.addObject().put("tool", "finish").put("summary", "add no longer subtracts.");
    var reply = JSON.createObjectNode().put("thinking",
        "The test fails because add subtracts. I will read lib.rs, fix it and run the tests.");
    reply.set("actions", actions);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reply);
  }

  /** Asserts every object schema is closed and requires all its properties. */
  private static void walkObjects(JsonNode node, String at, List<String> objects) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walkObjects(node.get(i), at + "[" + i + "]", objects);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    boolean isObjectSchema = node.path("type").asText().equals("object")
        || node.has("properties");
    if (isObjectSchema) {
      objects.add(at);
      assertThat(node.path("additionalProperties").isBoolean()).as(at).isTrue();
      assertThat(node.get("additionalProperties").asBoolean()).as(at).isFalse();
      assertThat(texts(node.get("required"))).as(at)
          .isEqualTo(names(node.get("properties")));
    }
    for (var e : node.properties()) {
      if (isObjectSchema && e.getKey().equals("properties")) {
        for (var p : e.getValue().properties()) {
          walkObjects(p.getValue(), at + ".properties." + p.getKey(), objects);
        }
      } else {
        walkObjects(e.getValue(), at + "." + e.getKey(), objects);
      }
    }
  }

  private static JsonSchema metaSchema() {
    return SCHEMAS.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
  }

  private static JsonNode schemaOf(String tool) throws Exception {
    for (ToolSpec s : ActionTools.specs()) {
      if (s.name().equals(tool)) {
        return JSON.readTree(s.parametersSchema());
      }
    }
    throw new AssertionError("no tool " + tool);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static InvalidCall invalid(Action a) {
    assertThat(a).isInstanceOf(InvalidCall.class);
    return (InvalidCall) a;
  }
}
