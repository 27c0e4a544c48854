package dev.ratchet.cli;

import dev.ratchet.RatchetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code ratchet} command: global options and the subcommands. */
@Command(
    name = "ratchet",
    mixinStandardHelpOptions = true,
    versionProvider = RatchetCommand.Version.class,
    description = "Propose patch, apply, run gates, report, iterate: an agent loop for Rust code.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ratchet run --repo my-crate",
      "  ratchet gates --repo my-crate --gates fmt,clippy,test",
      "  ratchet apply --repo my-crate fix.diff",
      "  ratchet replay run.jsonl --repo my-crate",
      "  ratchet sandbox doctor",
      "  ratchet eval --suite humaneval-x-rs --data humaneval-x-rs.jsonl --model gold",
      "  ratchet rank results.jsonl --html report.html",
      "  ratchet models probe http://127.0.0.1:8000/v1 --model qwen",
      "  ratchet screenshot ci.log --out ci.png",
      "",
      "Run 'ratchet COMMAND --help' for a command's options."
    })
final class RatchetCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error.")
  boolean debug;

  /** Builds the command line with its subcommands, handlers and colour scheme. */
  static CommandLine commandLine(Io io) {
    CommandLine cli = new CommandLine(new RatchetCommand());
    cli.addSubcommand(new ApplyCommand(io));
    cli.addSubcommand(new ReplayCommand(io));
    cli.addSubcommand(new RunCommand(io));
    cli.addSubcommand(new GatesCommand(io));
    cli.addSubcommand(new ModelsCommand(io));
    cli.addSubcommand(new EvalCommand(io));
    cli.addSubcommand(new RankCommand(io));
    cli.addSubcommand(new ScreenshotCommand(io));
    cli.addSubcommand(new CommandLine(new ImageCommand())
        .addSubcommand(new ImageCommand.Build(io)));
    cli.addSubcommand(new CommandLine(new SandboxCommand())
        .addSubcommand(new SandboxCommand.Doctor(io)));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(io.out());
    cli.setErr(io.err());
    cli.setColorScheme(Help.defaultColorScheme(io.ansi()));
    cli.setParameterExceptionHandler((ex, args) -> usageError(io, ex));
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> failure(io, ex, parsed));
    return cli;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing a command: use 'ratchet run', 'ratchet apply',"
        + " 'ratchet replay', 'ratchet image' or 'ratchet sandbox'.");
  }

  private static int usageError(Io io, ParameterException ex) {
    CommandLine cmd = ex.getCommandLine();
    io.fail(Exit.USAGE, ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, io.err());
    io.err().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static int failure(Io io, Exception ex, ParseResult parsed) {
    if (debugRequested(parsed)) {
      ex.printStackTrace(io.err());
    }
    if (ex instanceof RatchetException) {
      return io.fail(Exit.ENVIRONMENT, firstLine(String.valueOf(ex.getMessage())));
    }
    if (ex instanceof UncheckedIOException || ex instanceof IOException) {
      Throwable cause = ex instanceof UncheckedIOException ? ex.getCause() : ex;
      return io.fail(Exit.ENVIRONMENT, "input or output failed (" + cause
          + "): check the paths and permissions and run again.");
    }
    return io.fail(Exit.INTERNAL, "internal error (" + ex + "): this is a bug in Ratchet; run"
        + " again with --debug and report the stack trace.");
  }

  /** The first line: library messages may quote a parser's multi-line text (--debug has all). */
  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Whether {@code --debug} was given on the command or any subcommand. */
  private static boolean debugRequested(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = RatchetCommand.class.getPackage().getImplementationVersion();
      return new String[] {"ratchet " + (version != null ? version : "(not built as a jar)")};
    }
  }
}
