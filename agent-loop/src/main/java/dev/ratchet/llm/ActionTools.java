package dev.ratchet.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ratchet.action.Action;
import dev.ratchet.action.Edit;
import dev.ratchet.action.Finish;
import dev.ratchet.action.InvalidCall;
import dev.ratchet.action.ReadFile;
import dev.ratchet.action.RunCommand;
import dev.ratchet.edit.EditDistance;
import dev.ratchet.model.ToolSpec;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The loop's actions as tools: the specs a server with native tool calling is given, the mapping
 * of a tool call back to an {@link Action} and its inverse, and the same six tools as one JSON
 * reply for servers with structured output ({@code response_format: json_schema}) but no tools.
 *
 * <p>Trusts nothing a model sends: tool names, argument text and structured replies may be
 * anything, of any size. Model mistakes become an {@link InvalidCall} whose problem says how to
 * call the tool correctly; no method here throws for them. JSON is read strictly (no trailing
 * commas, single quotes, comments or duplicate names) with two allowances: arguments sent as a
 * JSON string holding the object (double-encoded) are decoded once, and an explicit {@code null}
 * for an optional field counts as absent. Paths are passed on unchecked: the workspace validates
 * them. Trusts its callers not to pass {@code null}.
 */
final class ActionTools {
  /** Arguments (or a structured reply) longer than this many UTF-8 bytes are refused unread. */
  static final int MAX_ARGUMENT_BYTES = 1 << 20;

  /** The most arguments a {@code run_command} call may have. */
  static final int MAX_ARGV = 64;

  /** The tool name an {@link InvalidCall} for a structured reply as a whole carries. */
  static final String REPLY = "reply";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final int MAX_TOOL_NAME = 100;

  private static final Map<String, Tool> TOOLS = tools();
  /** Words in other agents' tool names, for suggesting one of ours (never for mapping). */
  private static final Map<List<String>, String> ALIASES = aliases();
  private static final String REPLY_SCHEMA = write(replySchemaNode());

  private ActionTools() {}

  // ---------------------------------------------------------------------------------- tools

  /** The six tools, in a stable order, for a request's tool list. */
  static List<ToolSpec> specs() {
    return TOOLS.values().stream()
        .map(t -> new ToolSpec(t.name, t.description, write(t.argumentsSchema(false))))
        .toList();
  }

  /**
   * The action a tool call asks for, or an {@link InvalidCall} saying what was wrong with it.
   *
   * @param tool the tool name as the model sent it
   * @param argumentsJson the arguments as the model sent them: a JSON object, as text
   */
  static Action toAction(String tool, String argumentsJson) {
    Tool t = TOOLS.get(tool);
    if (t == null) {
      return new InvalidCall(capName(tool), argumentsJson, unknownTool(tool));
    }
    Optional<String> tooLarge = tooLarge(argumentsJson, t);
    if (tooLarge.isPresent()) {
      return new InvalidCall(tool, argumentsJson, tooLarge.get());
    }
    if (argumentsJson.isBlank()) {
      return new InvalidCall(tool, argumentsJson, "The arguments are empty: send a JSON object."
          + " " + t.callAs());
    }
    Parsed parsed = parse(argumentsJson);
    if (parsed.problem != null) {
      return new InvalidCall(tool, argumentsJson,
          "The arguments are not valid JSON: " + parsed.problem + " " + t.callAs());
    }
    JsonNode node = parsed.node;
    if (!node.isObject()) {
      return new InvalidCall(tool, argumentsJson, "The arguments must be a JSON object, got "
          + describe(node) + ". " + t.callAs());
    }
    return t.map((ObjectNode) node, argumentsJson, false);
  }

  /** The tool name under which an action is replayed to a server as a tool call. */
  static String toolName(Action action) {
    if (action instanceof Edit.Patch) {
      return "apply_patch";
    } else if (action instanceof Edit.Replace) {
      return "edit";
    } else if (action instanceof Edit.WriteFile) {
      return "write_file";
    } else if (action instanceof ReadFile) {
      return "read_file";
    } else if (action instanceof RunCommand) {
      return "run_command";
    } else if (action instanceof Finish) {
      return "finish";
    }
    return ((InvalidCall) action).tool();
  }

  /**
   * The canonical arguments of an action as compact JSON, properties in schema order; for an
   * {@link InvalidCall}, the raw arguments it kept. {@code toAction(toolName(a), arguments(a))}
   * equals {@code a} for every other action.
   */
  static String arguments(Action action) {
    if (action instanceof InvalidCall c) {
      return c.arguments();
    }
    return write(argumentsNode(action));
  }

  private static ObjectNode argumentsNode(Action action) {
    ObjectNode o = NODES.objectNode();
    if (action instanceof Edit.Patch p) {
      o.put("diff", p.text());
    } else if (action instanceof Edit.Replace r) {
      o.put("path", r.path()).put("search", r.search()).put("replace", r.replace());
    } else if (action instanceof Edit.WriteFile w) {
      o.put("path", w.path()).put("content", w.content());
    } else if (action instanceof ReadFile r) {
      o.put("path", r.path());
      if (r.fromLine() != 1 || r.toLine() != Integer.MAX_VALUE) {
        o.put("start", r.fromLine());
      }
      if (r.toLine() != Integer.MAX_VALUE) {
        o.put("end", r.toLine());
      }
    } else if (action instanceof RunCommand c) {
      ArrayNode argv = o.putArray("argv");
      c.argv().forEach(argv::add);
    } else {
      o.put("summary", ((Finish) action).summary());
    }
    return o;
  }

  // ------------------------------------------------------------------------ JSON channel

  /**
   * The JSON schema of a whole reply for servers with structured output: {@code {"thinking":
   * string, "actions": [one object per action, told apart by its "tool" field]}}. Usable with
   * OpenAI-style {@code strict: true}: every object lists all its properties as required and
   * allows no others; optional fields are nullable instead.
   */
  static String replySchema() {
    return REPLY_SCHEMA;
  }

  /**
   * The actions of a structured reply, in order. An element that breaks its tool's schema becomes
   * an {@link InvalidCall} (the other elements still count); a reply that is not JSON, or has no
   * {@code actions} array, becomes a single {@link InvalidCall} for the tool {@value #REPLY}. The
   * {@code thinking} field is not read.
   */
  static List<Action> fromStructuredReply(String json) {
    if (utf8Length(json) > MAX_ARGUMENT_BYTES) {
      return List.of(new InvalidCall(REPLY, json, "The reply is " + utf8Length(json)
          + " bytes; the limit is " + MAX_ARGUMENT_BYTES + " (1 MiB). Make smaller changes:"
          + " an apply_patch or edit action changes only the lines that need changing."));
    }
    Parsed parsed = parse(json);
    if (parsed.problem != null) {
      return List.of(new InvalidCall(REPLY, json,
          "The reply is not valid JSON: " + parsed.problem + " " + replyShape()));
    }
    JsonNode actions = parsed.node.path("actions");
    if (!parsed.node.isObject() || !actions.isArray()) {
      String got = parsed.node.isObject()
          ? (parsed.node.has("actions") ? "its actions field is " + describe(actions)
              : "it has no actions field")
          : "it is " + describe(parsed.node);
      return List.of(new InvalidCall(REPLY, json,
          "The reply must be a JSON object with an actions array, but " + got + ". "
              + replyShape()));
    }
    List<Action> out = new ArrayList<>();
    for (JsonNode element : actions) {
      out.add(fromElement(element));
    }
    return out;
  }

  private static Action fromElement(JsonNode element) {
    String raw = write(element);
    if (!element.isObject()) {
      return new InvalidCall(REPLY, raw, "Each element of actions must be an object with a tool"
          + " field, got " + describe(element) + ". " + replyShape());
    }
    JsonNode toolNode = element.path("tool");
    if (!toolNode.isTextual()) {
      return new InvalidCall(REPLY, raw, "Each element of actions needs a tool field naming one"
          + " of " + String.join(", ", TOOLS.keySet()) + (element.has("tool")
              ? ", got " + describe(toolNode) : "") + ". " + replyShape());
    }
    String tool = toolNode.textValue();
    Tool t = TOOLS.get(tool);
    if (t == null) {
      return new InvalidCall(capName(tool), raw, unknownTool(tool));
    }
    ObjectNode arguments = ((ObjectNode) element).deepCopy();
    arguments.remove("tool");
    return t.map(arguments, raw, true);
  }

  private static String replyShape() {
    return "Answer with one JSON object: {\"thinking\": \"...\", \"actions\": [{\"tool\":"
        + " \"read_file\", \"path\": \"src/lib.rs\", \"start\": null, \"end\": null}]}.";
  }

  private static ObjectNode replySchemaNode() {
    ArrayNode branches = NODES.arrayNode();
    for (Tool t : TOOLS.values()) {
      ObjectNode branch = t.argumentsSchema(true);
      ObjectNode properties = NODES.objectNode();
      properties.putObject("tool").put("type", "string").putArray("enum").add(t.name);
      properties.setAll((ObjectNode) branch.get("properties"));
      branch.set("properties", properties);
      ArrayNode required = branch.putArray("required");
      properties.fieldNames().forEachRemaining(required::add);
      branches.add(branch);
    }
    ObjectNode schema = NODES.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("thinking").put("type", "string")
        .put("description", "Brief reasoning about what to do next.");
    ObjectNode actions = properties.putObject("actions").put("type", "array")
        .put("description", "What to do, in order: change files, read files, run commands,"
            + " or finish.");
    actions.putObject("items").set("anyOf", branches);
    schema.putArray("required").add("thinking").add("actions");
    schema.put("additionalProperties", false);
    return schema;
  }

  // ------------------------------------------------------------------------ definitions

  private static Map<String, Tool> tools() {
    Map<String, Tool> tools = new LinkedHashMap<>();
    add(tools, new Tool("apply_patch",
        "Change files with a unified diff in git format: '--- a/PATH' and '+++ b/PATH' headers,"
            + " then @@ hunks with a few unchanged context lines around each change. Use"
            + " '--- /dev/null' to create a file and '+++ /dev/null' to delete one; one diff may"
            + " change several files. Context and removed lines must match the file; line numbers"
            + " may be approximate. The diff applies entirely or not at all.",
        List.of(Field.text("diff", "the unified diff (a markdown fence or prose around it is"
            + " tolerated)", true)),
        "{\"diff\": \"--- a/src/lib.rs\\n+++ b/src/lib.rs\\n@@ -1,3 +1,3 @@\\n fn add(a: i32,"
            + " b: i32) -> i32 {\\n-    a - b\\n+    a + b\\n }\\n\"}",
        a -> Edit.patch(a.get("diff").textValue())));
    add(tools, new Tool("edit",
        "Replace one exact piece of text in a file. search must occur exactly once in the file:"
            + " copy it from the file with its indentation, and include enough surrounding lines"
            + " to make it unique. An empty search creates a new file holding replace.",
        List.of(Field.text("path", "the file, relative to the workspace root", true),
            Field.text("search", "the exact text to find, once", false),
            Field.text("replace", "the text that replaces it", false)),
        "{\"path\": \"src/lib.rs\", \"search\": \"    a - b\\n\", \"replace\": \"    a + b\\n\"}",
        a -> Edit.replace(
            a.get("path").textValue(), a.get("search").textValue(), a.get("replace").textValue())));
    add(tools, new Tool("write_file",
        "Create a file, or replace the whole content of one. To change part of an existing"
            + " file, prefer apply_patch or edit.",
        List.of(Field.text("path", "the file, relative to the workspace root", true),
            Field.text("content", "the complete new content of the file", false)),
        "{\"path\": \"src/shapes.rs\", \"content\": \"pub struct Rect;\\n\"}",
        a -> Edit.writeFile(a.get("path").textValue(), a.get("content").textValue())));
    add(tools, new Tool("read_file",
        "Read a file of the workspace, or lines start to end of it (1-based, inclusive);"
            + " without start and end, the whole file.",
        List.of(Field.text("path", "the file, relative to the workspace root", true),
            Field.line("start", "the first line to read, 1-based", "start at line 1"),
            Field.line("end", "the last line to read, inclusive", "read to the end")),
        "{\"path\": \"src/lib.rs\", \"start\": 1, \"end\": 80}",
        ActionTools::readFile));
    add(tools, new Tool("run_command",
        "Run a program in the workspace's sandbox and see its exit code and output. argv goes"
            + " to the program as is, without a shell: no pipes, redirections, globs or &&."
            + " The command policy may refuse a command.",
        List.of(Field.argv()),
        "{\"argv\": [\"cargo\", \"test\"]}",
        a -> {
          List<String> argv = new ArrayList<>();
          a.get("argv").forEach(s -> argv.add(s.textValue()));
          return new RunCommand(argv);
        }));
    add(tools, new Tool("finish",
        "Say that the task is done, with a short summary of what you changed and why. Call it"
            + " only when no change is left to make.",
        List.of(Field.text("summary", "what you changed and why, in a few sentences", false)),
        "{\"summary\": \"add no longer overflows: it uses checked_add; added a test.\"}",
        a -> new Finish(a.get("summary").textValue())));
    return tools;
  }

  private static Map<List<String>, String> aliases() {
    Map<List<String>, String> aliases = new LinkedHashMap<>();
    aliases.put(List.of("patch", "diff"), "apply_patch");
    aliases.put(List.of("replace", "edit", "modify"), "edit");
    aliases.put(List.of("write", "create", "save"), "write_file");
    aliases.put(List.of("read", "open", "view", "cat", "show"), "read_file");
    aliases.put(List.of("run", "exec", "shell", "bash", "command", "cargo", "terminal"),
        "run_command");
    aliases.put(List.of("finish", "done", "submit", "complete"), "finish");
    return aliases;
  }

  private static void add(Map<String, Tool> tools, Tool tool) {
    tools.put(tool.name, tool);
  }

  private static Action readFile(ObjectNode a) {
    int start = lineValue(a.get("start"), 1);
    int end = lineValue(a.get("end"), Integer.MAX_VALUE);
    return new ReadFile(a.get("path").textValue(), start, end);
  }

  private static int lineValue(JsonNode node, int absent) {
    return node == null || node.isNull() ? absent : node.intValue();
  }

  /** What a field holds; each kind renders its own schema and problem text. */
  private enum Kind {
    TEXT, LINE, ARGV
  }

  /**
   * One property of a tool's arguments.
   *
   * @param absent what leaving an optional field out means; empty for a required field
   * @param nonBlank whether an empty or blank value is refused (the schema cannot say so in a
   *     strict-compatible way, so it is checked in code)
   */
  private record Field(String name, Kind kind, String description, String absent,
      boolean nonBlank) {
    static Field text(String name, String description, boolean nonBlank) {
      return new Field(name, Kind.TEXT, description, "", nonBlank);
    }

    /** An optional line number; {@code absent} says what leaving it out means. */
    static Field line(String name, String description, String absent) {
      return new Field(name, Kind.LINE, description, absent, false);
    }

    static Field argv() {
      return new Field("argv", Kind.ARGV, "the program and its arguments, one string each,"
          + " such as [\"cargo\", \"test\", \"--lib\"]", "", false);
    }

    boolean required() {
      return absent.isEmpty();
    }

    /** The field's schema; in a strict schema an optional field is nullable instead. */
    ObjectNode schema(boolean strict) {
      ObjectNode s = NODES.objectNode();
      switch (kind) {
        case TEXT -> s.put("type", "string");
        case LINE -> {
          if (strict) {
            s.putArray("type").add("integer").add("null");
          } else {
            s.put("type", "integer");
          }
          s.put("minimum", 1);
        }
        case ARGV -> {
          s.put("type", "array");
          s.putObject("items").put("type", "string");
          s.put("minItems", 1).put("maxItems", MAX_ARGV);
        }
        default -> throw new IllegalStateException(kind.toString());
      }
      String note = nonBlank ? "; not empty"
          : required() ? "" : strict ? "; null to " + absent : "; omit to " + absent;
      s.put("description", description + note);
      return s;
    }

    /** What the field must hold, for problems. */
    String expected() {
      return switch (kind) {
        case TEXT -> "a string";
        case LINE -> "an integer of at least 1 (a 1-based line number)";
        case ARGV -> "an array of strings";
      };
    }
  }

  /** One tool: its spec, its argument schema, and how its arguments become an action. */
  private static final class Tool {
    final String name;
    final String description;
    final Map<String, Field> fields = new LinkedHashMap<>();
    final String example;
    final Function<ObjectNode, Action> build;
    final JsonSchema validator;

    Tool(String name, String description, List<Field> fields, String example,
        Function<ObjectNode, Action> build) {
      this.name = name;
      this.description = description;
      fields.forEach(f -> this.fields.put(f.name(), f));
      this.example = example;
      this.build = build;
      this.validator = SCHEMAS.getSchema(argumentsSchema(false));
    }

    ObjectNode argumentsSchema(boolean strict) {
      ObjectNode s = NODES.objectNode().put("type", "object");
      if (strict) {
        s.put("description", description);
      }
      ObjectNode properties = s.putObject("properties");
      ArrayNode required = s.putArray("required");
      for (Field f : fields.values()) {
        properties.set(f.name(), f.schema(strict));
        if (f.required() || strict) {
          required.add(f.name());
        }
      }
      s.put("additionalProperties", false);
      return s;
    }

    String callAs() {
      return "Call it like this: " + name + " " + example;
    }

    /** Validates arguments and builds the action; {@code raw} is what the model sent. */
    Action map(ObjectNode arguments, String raw, boolean element) {
      ObjectNode args = arguments.deepCopy();
      for (Field f : fields.values()) {
        if (!f.required() && args.path(f.name()).isNull()) {
          args.remove(f.name());
        }
      }
      String shape = element
          ? "Write it like this: {\"tool\": \"" + name + "\", " + example.substring(1)
          : callAs();
      List<String> problems = problems(args);
      if (problems.isEmpty()) {
        problems = semanticProblems(args);
      }
      if (!problems.isEmpty()) {
        return new InvalidCall(name, raw, "Invalid arguments for " + name + ": "
            + String.join("; ", problems) + ". " + shape);
      }
      try {
        return build.apply(args);
      } catch (IllegalArgumentException e) {
        return new InvalidCall(name, raw, "Invalid arguments for " + name + ": " + e.getMessage()
            + ". " + shape);
      }
    }

    /** The schema violations, one sentence each, in field order, unknown fields last. */
    private List<String> problems(ObjectNode args) {
      List<String> names = new ArrayList<>(fields.keySet());
      Map<String, Integer> order = new LinkedHashMap<>();
      for (ValidationMessage m : validator.validate(args)) {
        String field = fieldOf(m);
        int rank = names.contains(field) ? names.indexOf(field) : names.size();
        order.putIfAbsent(problem(m, field, args), rank);
      }
      return order.entrySet().stream()
          .sorted(Map.Entry.comparingByValue())
          .map(Map.Entry::getKey)
          .collect(Collectors.toList());
    }

    private static String fieldOf(ValidationMessage m) {
      if (m.getType().equals("required") || m.getType().equals("additionalProperties")) {
        return String.valueOf(m.getProperty());
      }
      return m.getInstanceLocation().getNameCount() > 0
          ? String.valueOf(m.getInstanceLocation().getElement(0)) : "";
    }

    private String problem(ValidationMessage m, String field, ObjectNode args) {
      Field f = fields.get(field);
      if (m.getType().equals("additionalProperties") || f == null) {
        return "there is no field " + cap(field, 80) + " (" + name + " takes "
            + String.join(", ", fields.keySet()) + ")";
      }
      if (m.getType().equals("required")) {
        return "the field " + field + " is missing: it must be " + f.expected() + ", "
            + f.description();
      }
      JsonNode value = args.path(field);
      return switch (f.kind()) {
        case TEXT -> field + " must be a string, got " + describe(value)
            + (value.isObject() || value.isArray() ? " (put it in a JSON string)" : "");
        case LINE -> lineProblem(f, value);
        case ARGV -> argvProblem(value);
      };
    }

    private static String lineProblem(Field f, JsonNode value) {
      String got = f.name() + " must be an integer of at least 1 (a 1-based line number), got ";
      if (value.isTextual() && value.textValue().strip().matches("\\d{1,9}")) {
        return got + "a string: write " + value.textValue().strip() + " without quotes";
      }
      if (value.isNumber()) {
        return got + value.asText();
      }
      return got + describe(value);
    }

    private static String argvProblem(JsonNode value) {
      if (value.isArray() && value.isEmpty()) {
        return "argv is empty: name the program to run first, as in [\"cargo\", \"test\"]";
      }
      if (value.isArray() && value.size() > MAX_ARGV) {
        return "argv has " + value.size() + " items; the limit is " + MAX_ARGV;
      }
      if (value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          if (!value.get(i).isTextual()) {
            return "argv must be an array of strings, got " + describe(value.get(i))
                + " at argv[" + i + "]: quote every argument, as in [\"cargo\", \"test\","
                + " \"--jobs\", \"2\"]";
          }
        }
      }
      return "argv must be an array of strings, got " + describe(value) + ": pass "
          + argvSuggestion(value);
    }

    /** Checks the schema cannot express in a strict-compatible way. */
    private List<String> semanticProblems(ObjectNode args) {
      List<String> problems = new ArrayList<>();
      for (Field f : fields.values()) {
        if (f.nonBlank() && args.path(f.name()).textValue().isBlank()) {
          problems.add(f.name() + " is empty: give " + f.description());
        }
      }
      JsonNode argv = args.path("argv");
      if (argv.isArray()) {
        String program = argv.get(0).textValue();
        if (program.isBlank()) {
          problems.add("argv[0] is empty: it must name the program to run, such as \"cargo\"");
        } else if (program.strip().matches(".*\\s.*")) {
          problems.add("argv[0] is \"" + cap(program, 80) + "\", a whole command line in one"
              + " string: pass the program and each argument as separate strings, as in "
              + argvSuggestion(NODES.textNode(program)));
        }
      }
      for (Field f : fields.values()) {
        JsonNode n = args.path(f.name());
        if (f.kind() == Kind.LINE && n.isNumber() && !n.canConvertToInt()) {
          problems.add(f.name() + " is too large for a line number");
        }
      }
      JsonNode start = args.path("start");
      JsonNode end = args.path("end");
      if (start.isNumber() && end.isNumber() && end.asLong() < start.asLong()) {
        problems.add("end (" + end.asText() + ") is before start (" + start.asText()
            + "): give start <= end, or no end to read to the end of the file");
      }
      return problems;
    }
  }

  /** A suggested argv for a command line written as one string; a fixed example otherwise. */
  private static String argvSuggestion(JsonNode value) {
    String fallback = "[\"cargo\", \"test\"]";
    if (!value.isTextual()) {
      return fallback;
    }
    String line = value.textValue().strip();
    if (line.isEmpty() || line.length() > 200 || line.matches(".*[\"'`|&;<>$()*\\\\].*")) {
      return fallback;
    }
    ArrayNode words = NODES.arrayNode();
    for (String w : line.split("\\s+")) {
      words.add(w);
    }
    return words.size() > MAX_ARGV ? fallback : write(words).replace("\",\"", "\", \"");
  }

  // ------------------------------------------------------------------------ reading JSON

  /** A parsed JSON value, or why the text is not one. */
  private record Parsed(JsonNode node, String problem) {}

  /** Parses strictly; a JSON string that holds a JSON object is decoded once more. */
  private static Parsed parse(String text) {
    if (text.isBlank()) {
      return new Parsed(null, "the text is empty.");
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return new Parsed(null, jsonProblem(text, e));
    }
    if (node.isTextual() && node.textValue().strip().startsWith("{")) {
      try {
        JsonNode inner = JSON.readTree(node.textValue());
        if (inner.isObject()) {
          return new Parsed(inner, null);
        }
      } catch (JsonProcessingException e) {
        return new Parsed(null, "the text is a JSON string holding broken JSON ("
            + jsonProblem(node.textValue(), e) + ") Send the object itself, not a string.");
      }
    }
    return new Parsed(node, null);
  }

  /** Says in words a model can act on why text is not JSON, and where. */
  private static String jsonProblem(String text, JsonProcessingException e) {
    String where = e.getLocation() == null ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
            + ")";
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    String first = m.lines().findFirst().orElse("");
    if (text.strip().startsWith("```")) {
      return "the text is wrapped in a markdown fence; send the bare JSON object.";
    }
    if (first.startsWith("Unexpected character ('}'") || first.startsWith("Unexpected character"
        + " (']'")) {
      char close = first.charAt("Unexpected character ('".length());
      if (precededByComma(text, e, close)) {
        return "there is a trailing comma before '" + close + "'" + where + "; remove it.";
      }
    }
    if (first.startsWith("Unexpected character (''' ")) {
      return "strings and field names need double quotes, not single quotes" + where + ".";
    }
    if (first.startsWith("Unexpected character") && first.contains("double-quote to start field"
        + " name")) {
      return "field names need double quotes, as in {\"path\": ...}" + where + ".";
    }
    if (first.startsWith("Unrecognized token")) {
      return "a value is not JSON" + where + ": quote strings in double quotes and write true,"
          + " false and null in lower case.";
    }
    if (first.contains("CTRL-CHAR")) {
      return "a string contains a raw control character such as a line break" + where
          + "; escape line breaks as \\n and tabs as \\t.";
    }
    if (first.startsWith("Unrecognized character escape")) {
      return "a string has an invalid escape" + where + "; write a backslash as \\\\.";
    }
    if (first.startsWith("Unexpected end-of-input")) {
      return "the JSON ends early" + where + "; close every string, array and object.";
    }
    if (first.startsWith("Unexpected close marker")) {
      return "there is an unmatched '" + first.charAt("Unexpected close marker '".length()) + "'"
          + where + "; remove it or open what it closes.";
    }
    if (first.startsWith("Trailing token")) {
      return "there is more text after the JSON value" + where + "; send exactly one object.";
    }
    if (first.startsWith("Duplicate field")) {
      return first.replace("Duplicate field", "the field") + " appears twice" + where + ".";
    }
    return cap(first, 200) + where + ".";
  }

  /** Whether the closing bracket Jackson stopped at follows a comma (whitespace aside). */
  private static boolean precededByComma(String text, JsonProcessingException e, char close) {
    long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
    int at = offset >= 0 && offset <= text.length() ? (int) offset : -1;
    int closeAt = at >= 0 ? text.lastIndexOf(close, at) : -1;
    if (closeAt < 0) {
      return false;
    }
    int i = closeAt - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    return i >= 0 && text.charAt(i) == ',';
  }

  // ------------------------------------------------------------------------ helpers

  private static Optional<String> tooLarge(String arguments, Tool t) {
    long bytes = utf8Length(arguments);
    if (bytes <= MAX_ARGUMENT_BYTES) {
      return Optional.empty();
    }
    String advice = t.name.equals("write_file") || t.name.equals("apply_patch")
        || t.name.equals("edit")
        ? " Change only what needs changing: apply_patch with a few hunks, or edit with a short"
            + " search text."
        : " Send shorter arguments.";
    return Optional.of("The arguments are " + bytes + " bytes; the limit is "
        + MAX_ARGUMENT_BYTES + " (1 MiB)." + advice);
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static String unknownTool(String tool) {
    return "There is no tool named '" + cap(tool, MAX_TOOL_NAME) + "'."
        + suggestion(tool).map(n -> " Did you mean " + n + "?").orElse("")
        + " The tools are " + String.join(", ", TOOLS.keySet()) + ".";
  }

  /** The tool a model probably meant: a near spelling, or what other agents call it. */
  private static Optional<String> suggestion(String tool) {
    String t = tool.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    t = t.substring(t.lastIndexOf('.') + 1);
    for (String name : TOOLS.keySet()) {
      if (distance(name, t) <= 2) {
        return Optional.of(name);
      }
    }
    String key = t;
    return ALIASES.entrySet().stream()
        .filter(e -> e.getKey().stream().anyMatch(key::contains))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** Edit distance, for suggesting a tool name; long names are not compared. */
  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 3 || b.length() > MAX_TOOL_NAME) {
      return Integer.MAX_VALUE;
    }
    return EditDistance.between(a, b);
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    } else if (node.isTextual()) {
      return "a string";
    } else if (node.isNumber()) {
      return "a number";
    } else if (node.isBoolean()) {
      return "a boolean";
    } else if (node.isNull()) {
      return "null";
    } else if (node.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static String capName(String tool) {
    return cap(tool, MAX_TOOL_NAME);
  }

  private static String cap(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
