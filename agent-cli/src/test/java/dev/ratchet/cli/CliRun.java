package dev.ratchet.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One in-process run of {@code ratchet} with captured output. */
record CliRun(int exit, String out, String err) {

  /** Runs with empty stdin and no environment. */
  static CliRun of(String... args) {
    return withStdin("", args);
  }

  /** Runs with the given text on stdin. */
  static CliRun withStdin(String stdin, String... args) {
    return withEnv(stdin, Map.of(), args);
  }

  /** Runs with the given stdin and environment. */
  static CliRun withEnv(String stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out, true), new PrintWriter(err, true), env, args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
