package dev.ratchet.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** The entry point of the {@code ratchet} command. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its exit code. */
  public static void main(String... args) {
    System.exit(run(args));
  }

  /** Runs the command line on the process's streams and environment; returns the exit code. */
  static int run(String... args) {
    return run(System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
        System.getenv(), args);
  }

  /** Runs the command line on the given streams and environment; returns the exit code. */
  static int run(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env,
      String... args) {
    Io io = new Io(in, out, err, Io.ansi(env));
    try {
      CommandLine cli = RatchetCommand.commandLine(io);
      try {
        Config config = Config.load(args, Path.of("").toAbsolutePath(), env);
        config.check(cli);
        cli.setDefaultValueProvider(config);
      } catch (IllegalArgumentException e) {
        return io.fail(Exit.USAGE, e.getMessage() + ".");
      }
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
