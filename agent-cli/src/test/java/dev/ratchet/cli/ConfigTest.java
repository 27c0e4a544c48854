package dev.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Flags, then the repository's file, then RATCHET_* variables, then the built-in defaults. */
class ConfigTest {

  @TempDir Path repo;

  private static CommandLine cli() {
    StringWriter sink = new StringWriter();
    return RatchetCommand.commandLine(new Io(new ByteArrayInputStream(new byte[0]),
        new PrintWriter(sink), new PrintWriter(sink), CommandLine.Help.Ansi.OFF));
  }

  /** The run command as parsed from {@code args} with the configuration in place. */
  private RunCommand run(Map<String, String> env, String... extra) {
    String[] args = java.util.stream.Stream.concat(
        java.util.stream.Stream.of("run", "--repo", repo.toString()), java.util.Arrays.stream(extra))
        .toArray(String[]::new);
    CommandLine cli = cli();
    Config config = Config.load(args, Path.of("/"), env);
    config.check(cli);
    cli.setDefaultValueProvider(config);
    cli.parseArgs(args);
    return (RunCommand) cli.getSubcommands().get("run").getCommand();
  }

  @Test
  void fileValues_applyUnderFlags_andOverTheEnvironment() throws Exception {
    Files.writeString(repo.resolve("ratchet.toml"), """
        max-iterations = 3
        gates = ["fmt", "clippy"]
        """);
    Map<String, String> env = Map.of("RATCHET_MAX_ITERATIONS", "9",
        "RATCHET_MODEL", "openai:http://127.0.0.1:8000/v1#qwen");

    RunCommand fromFile = run(env);
    RunCommand fromFlag = run(env, "--max-iterations", "7");

    assertThat(fromFile.maxIterations).isEqualTo(3);
    assertThat(fromFile.gates.names).containsExactly("fmt", "clippy");
    assertThat(fromFile.model).isEqualTo("openai:http://127.0.0.1:8000/v1#qwen");
    assertThat(fromFlag.maxIterations).isEqualTo(7);
  }

  @Test
  void commandTable_winsOverTheTopLevel_forThatCommandOnly() throws Exception {
    Files.writeString(repo.resolve("ratchet.toml"), """
        gates = ["fmt"]
        [run]
        gates = "clippy,test"
        run-all = true
        [sandbox.doctor]
        image = "my/image:1"
        """);
    String[] gatesArgs = {"gates", "--repo", repo.toString()};
    CommandLine cli = cli();
    Config config = Config.load(gatesArgs, Path.of("/"), Map.of());
    cli.setDefaultValueProvider(config);
    cli.parseArgs(gatesArgs);

    assertThat(run(Map.of()).gates.names).containsExactly("clippy", "test");
    assertThat(run(Map.of()).runAll).isTrue();
    assertThat(((GatesCommand) cli.getSubcommands().get("gates").getCommand()).gates.names)
        .containsExactly("fmt");
  }

  @Test
  void jsonFile_andNoFile_andTheBuiltInDefaults() throws Exception {
    assertThat(run(Map.of()).maxIterations).isEqualTo(20);
    Files.writeString(repo.resolve(".ratchet.json"), "{\"max-iterations\": 5}");
    assertThat(run(Map.of()).maxIterations).isEqualTo(5);
  }

  @Test
  void typos_bothFiles_andBadValues_areRefused_withWhatToDo() throws Exception {
    Files.writeString(repo.resolve("ratchet.toml"), "max-iteration = 3\n");
    assertThatThrownBy(() -> run(Map.of()))
        .hasMessageContaining("unknown setting 'max-iteration'")
        .hasMessageContaining("max-iterations");
    Files.writeString(repo.resolve("ratchet.toml"), "[runn]\nmodel = \"x\"\n");
    assertThatThrownBy(() -> run(Map.of())).hasMessageContaining("no command 'runn'");
    Files.writeString(repo.resolve("ratchet.toml"), "[run]\nwrkers = 2\n");
    assertThatThrownBy(() -> run(Map.of())).hasMessageContaining("unknown setting 'run.wrkers'");
    Files.writeString(repo.resolve("ratchet.toml"), "model = \n");
    assertThatThrownBy(() -> run(Map.of())).hasMessageContaining("ratchet.toml cannot be read");
    Files.writeString(repo.resolve("ratchet.toml"), "");
    Files.writeString(repo.resolve(".ratchet.json"), "{}");
    assertThatThrownBy(() -> run(Map.of())).hasMessageContaining("keep one");
  }

  @Test
  void aBrokenFile_isAUsageError_fromTheCommandLine() throws Exception {
    Files.writeString(repo.resolve("ratchet.toml"), "colour = true\n");

    CliRun run = CliRun.of("gates", "--repo", repo.toString());

    assertThat(run.exit()).isEqualTo(Exit.USAGE);
    assertThat(run.err()).contains("unknown setting 'colour'");
  }

  @Test
  void docsTable_listsEverySetting() throws Exception {
    String table = Config.table(cli());
    String doc = Files.readString(Path.of("../docs/configuration.md"));

    assertThat(table).contains("| `max-iterations` | `--max-iterations` |"
        + " `RATCHET_MAX_ITERATIONS` | run |");
    assertThat(doc).as("docs/configuration.md has the table Config.table prints; paste it")
        .contains(table);
    assertThat(List.of(table.split("\n"))).noneMatch(l -> l.contains("`repo`"));
  }
}
