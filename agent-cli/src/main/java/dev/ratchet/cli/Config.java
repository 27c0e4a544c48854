package dev.ratchet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Settings from outside the command line, as picocli defaults. A flag always wins; then the
 * repository's {@code ratchet.toml} or {@code .ratchet.json} (the directory of {@code --repo}, else
 * the current one); then the environment ({@code RATCHET_MAX_ITERATIONS} for {@code
 * --max-iterations}); then the built-in default.
 *
 * <p>A key is an option's long name without the dashes. Top-level keys apply to every command
 * that has the option; a table named after a command ({@code [run]}, {@code [eval]}, {@code
 * [sandbox.doctor]}) applies to that command only and wins over the top level. Lists are arrays
 * ({@code gates = ["fmt", "clippy"]}) or comma-separated strings. A key no command knows is an
 * error, so that a typo cannot silently drop a setting.
 */
final class Config implements CommandLine.IDefaultValueProvider {

  /** The environment variables' prefix. */
  static final String ENV_PREFIX = "RATCHET_";

  /** The file names looked for, in this order; at most one may exist. */
  static final List<String> FILES = List.of("ratchet.toml", ".ratchet.json");

  /**
   * Options that never come from configuration: what one invocation reads and writes, and what
   * it does once. Settings say how to work; these say on what.
   */
  private static final Set<String> NOT_CONFIGURABLE = Set.of("repo", "help", "version", "force",
      "out", "json", "dry-run", "task", "transcript", "suite", "data", "completions",
      "predictions", "report", "html", "markdown", "multipl-e-dir");

  private final Optional<Path> file;
  private final Map<String, String> global;
  private final Map<String, Map<String, String>> perCommand;
  private final Map<String, String> env;

  private Config(Optional<Path> file, Map<String, String> global,
      Map<String, Map<String, String>> perCommand, Map<String, String> env) {
    this.file = file;
    this.global = global;
    this.perCommand = perCommand;
    this.env = env;
  }

  /**
   * Reads the configuration file of the repository the arguments name (or of {@code cwd}), and
   * takes the {@code RATCHET_*} variables of {@code env}.
   *
   * @throws IllegalArgumentException when both files exist, or the file cannot be parsed
   */
  static Config load(String[] args, Path cwd, Map<String, String> env) {
    Path dir = repoArgument(args).map(cwd::resolve).orElse(cwd);
    List<Path> found = FILES.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
    if (found.size() > 1) {
      throw new IllegalArgumentException(dir + " has both " + String.join(" and ", FILES)
          + ": keep one");
    }
    Map<String, String> ratchetEnv = new LinkedHashMap<>();
    env.forEach((k, v) -> {
      if (k.startsWith(ENV_PREFIX) && !v.isEmpty()) {
        ratchetEnv.put(k, v);
      }
    });
    if (found.isEmpty()) {
      return new Config(Optional.empty(), Map.of(), Map.of(), ratchetEnv);
    }
    Path path = found.get(0);
    JsonNode root;
    try {
      ObjectMapper mapper = path.toString().endsWith(".toml") ? new TomlMapper()
          : new ObjectMapper();
      root = mapper.readTree(path.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(path + " cannot be read: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(path + " must hold a table of settings");
    }
    Map<String, String> global = new LinkedHashMap<>();
    Map<String, Map<String, String>> perCommand = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        collectTables(path, e.getKey(), e.getValue(), perCommand);
      } else {
        global.put(e.getKey(), value(path, e.getKey(), e.getValue()));
      }
    }
    return new Config(Optional.of(path), global, perCommand, ratchetEnv);
  }

  /** The file read, if any. */
  Optional<Path> file() {
    return file;
  }

  /**
   * Refuses keys and tables that no command of {@code cli} has, naming the keys there are.
   *
   * @throws IllegalArgumentException naming the first unknown key
   */
  void check(CommandLine cli) {
    Map<String, Set<String>> keysByCommand = new LinkedHashMap<>();
    collectKeys(cli, keysByCommand);
    Set<String> all = new TreeSet<>();
    keysByCommand.values().forEach(all::addAll);
    for (String key : global.keySet()) {
      if (!all.contains(key)) {
        throw unknown(key, all);
      }
    }
    for (Map.Entry<String, Map<String, String>> table : perCommand.entrySet()) {
      Set<String> keys = keysByCommand.get(table.getKey());
      if (keys == null) {
        throw new IllegalArgumentException(file.orElseThrow() + ": no command '"
            + table.getKey().replace(' ', '.') + "'; tables are "
            + keysByCommand.keySet().stream().map(k -> k.replace(' ', '.')).toList());
      }
      for (String key : table.getValue().keySet()) {
        if (!keys.contains(key)) {
          throw unknown(table.getKey().replace(' ', '.') + "." + key, keys);
        }
      }
    }
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || arg.command() == null) {
      return null;
    }
    String key = key(option);
    if (key == null) {
      return null;
    }
    String command = commandKey(arg.command());
    Map<String, String> table = perCommand.getOrDefault(command, Map.of());
    if (table.containsKey(key)) {
      return table.get(key);
    }
    if (global.containsKey(key)) {
      return global.get(key);
    }
    return env.get(envName(key));
  }

  /** The environment variable for a key: {@code max-iterations} → {@code RATCHET_MAX_ITERATIONS}. */
  static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** An option's configuration key, or null when it is not configurable. */
  static String key(OptionSpec option) {
    String longest = option.longestName();
    if (!longest.startsWith("--")) {
      return null;
    }
    String key = longest.substring(2);
    return NOT_CONFIGURABLE.contains(key) || option.negatable() && key.startsWith("no-")
        ? null : key;
  }

  /** {@code run}, {@code sandbox doctor}: the command's path below {@code ratchet}. */
  static String commandKey(CommandSpec spec) {
    String qualified = spec.qualifiedName(" ");
    int space = qualified.indexOf(' ');
    return space < 0 ? "" : qualified.substring(space + 1);
  }

  /**
   * The settings table of the docs: one row per key, with its flag, its environment variable
   * and the commands that take it, sorted by key.
   */
  static String table(CommandLine cli) {
    Map<String, Set<String>> keysByCommand = new LinkedHashMap<>();
    collectKeys(cli, keysByCommand);
    Map<String, Set<String>> commandsByKey = new java.util.TreeMap<>();
    keysByCommand.forEach((command, keys) -> keys.forEach(
        k -> commandsByKey.computeIfAbsent(k, x -> new TreeSet<>()).add(command)));
    StringBuilder out = new StringBuilder("| key | flag | environment | commands |\n"
        + "|---|---|---|---|\n");
    commandsByKey.forEach((key, commands) -> out.append("| `").append(key).append("` | `--")
        .append(key).append("` | `").append(envName(key)).append("` | ")
        .append(String.join(", ", commands)).append(" |\n"));
    return out.toString();
  }

  private static void collectKeys(CommandLine cli, Map<String, Set<String>> into) {
    CommandSpec spec = cli.getCommandSpec();
    String command = commandKey(spec);
    if (!command.isEmpty()) {
      Set<String> keys = new TreeSet<>();
      for (OptionSpec o : spec.options()) {
        String key = key(o);
        if (key != null && !o.inherited()) {
          keys.add(key);
        }
      }
      into.put(command, keys);
    }
    cli.getSubcommands().values().forEach(sub -> collectKeys(sub, into));
  }

  private static void collectTables(Path path, String name, JsonNode table,
      Map<String, Map<String, String>> into) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isObject()) {
        collectTables(path, name + " " + e.getKey(), e.getValue(), into);
      } else {
        values.put(e.getKey(), value(path, name + "." + e.getKey(), e.getValue()));
      }
    }
    into.put(name, values);
  }

  private static String value(Path path, String key, JsonNode node) {
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(item.asText()));
      return String.join(",", items);
    }
    if (node.isValueNode() && !node.isNull()) {
      return node.asText();
    }
    throw new IllegalArgumentException(path + ": " + key + " must be a string, a number, a"
        + " boolean or a list");
  }

  private IllegalArgumentException unknown(String key, Set<String> known) {
    return new IllegalArgumentException(file.orElseThrow() + ": unknown setting '" + key
        + "'; settings are option names without the dashes: " + String.join(", ", known));
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static Optional<String> repoArgument(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--repo") && i + 1 < args.length) {
        return Optional.of(args[i + 1]);
      }
      if (args[i].startsWith("--repo=")) {
        return Optional.of(args[i].substring("--repo=".length()));
      }
    }
    return Optional.empty();
  }
}
