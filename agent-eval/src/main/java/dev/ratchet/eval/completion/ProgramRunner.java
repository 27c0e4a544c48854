package dev.ratchet.eval.completion;

import dev.ratchet.eval.Status;
import dev.ratchet.rust.CargoEnvironment;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Limits;
import dev.ratchet.sandbox.Mount;
import dev.ratchet.sandbox.Sandbox;
import dev.ratchet.sandbox.io.SafeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Compiles and runs assembled programs in the sandbox, one container exec per program: the shell
 * inside compiles under the reference time limit, writes one marker line with the compiler's exit
 * status to stdout before the program starts (so the program cannot forge it), then runs the
 * program under its limit. Each worker owns one runner, one warm sandbox session and one scratch
 * directory.
 */
final class ProgramRunner implements AutoCloseable {

  /** What ran, before it is judged. */
  record Run(Status status, int exitCode, String stdout, String stderr, long millis) {}

  static final String MARKER = "ratchet-compiled ";
  private static final String STABLE = "/opt/rust/stable";

  private final Path scratch;
  private final Sandbox session;
  private final CargoEnvironment environment;
  private final Limits limits;
  private final Path cargoProject;
  private final AutoCloseable closeSession;
  /** The session's mounts, worked out once (they read the project's manifest). */
  private final List<Mount> mounts;

  private ProgramRunner(Path scratch, Sandbox session, AutoCloseable close,
      CargoEnvironment environment, Limits limits, Path cargoProject, List<Mount> mounts) {
    this.scratch = scratch;
    this.session = session;
    this.closeSession = close;
    this.environment = environment;
    this.limits = limits;
    this.cargoProject = cargoProject;
    this.mounts = mounts;
  }

  /** The mounts a worker's session needs. */
  static List<Mount> mounts(CargoEnvironment environment, Path scratch, Path cargoProject) {
    List<Mount> mounts = new java.util.ArrayList<>(environment.spec(List.of("true"),
        Mount.readWrite(cargoProject, CargoEnvironment.WORKSPACE), Limits.defaults()).mounts());
    mounts.add(Mount.readWrite(scratch, "/work"));
    return mounts;
  }

  static ProgramRunner open(Path scratch, Path cargoProject, CargoEnvironment environment,
      java.util.function.Function<List<Mount>, Sandbox> sessions, Limits limits) {
    List<Mount> mounts = mounts(environment, scratch, cargoProject);
    Sandbox session = sessions.apply(mounts);
    return new ProgramRunner(scratch, session, session, environment, limits, cargoProject,
        mounts);
  }

  /** MultiPL-E's way: plain rustc (edition 2015, no -O), 15 s to compile, 5 s to run. */
  Run rustc(String program) {
    write(scratch.resolve("p.rs"), program);
    String script = "cd /work && rm -f p && timeout -s KILL 15 rustc p.rs -o p 1>&2; c=$?;"
        + " echo \"" + MARKER + "$c\"; [ $c -eq 0 ] || exit 0; exec timeout -s KILL 5 ./p";
    ExecSpec spec = ExecSpec.builder("/bin/sh", "-c", script)
        .workdir("/work")
        .env(environment.env(CargoEnvironment.Channel.STABLE))
        .env("RUST_BACKTRACE", "0")
        .mounts(mounts)
        .limits(limits.withTimeout(Duration.ofSeconds(30)))
        .build();
    return judge(session.exec(spec));
  }

  /** HumanEval-X's way: the program as the bin target of a cargo project, run by cargo test. */
  Run cargoTest(String program) {
    write(cargoProject.resolve("src/main.rs"), program);
    String script = "timeout -s KILL 120 cargo test --frozen --no-run -q 1>&2; c=$?;"
        + " echo \"" + MARKER + "$c\"; [ $c -eq 0 ] || exit 0;"
        + " exec timeout -s KILL 10 cargo test --frozen -q";
    ExecSpec spec = ExecSpec.builder("/bin/sh", "-c", script)
        .workdir(CargoEnvironment.WORKSPACE)
        .env(environment.env(CargoEnvironment.Channel.STABLE))
        .mounts(mounts)
        .limits(limits.withTimeout(Duration.ofSeconds(150)))
        .build();
    return judge(session.exec(spec));
  }

  private static Run judge(ExecResult r) {
    long millis = r.duration().toMillis();
    String out = r.stdout();
    int nl = out.indexOf('\n');
    String first = nl < 0 ? out : out.substring(0, nl);
    String programOut = nl < 0 ? "" : out.substring(nl + 1);
    if (r.oomKilled()) {
      return new Run(Status.OOM, r.exitCode(), programOut, r.stderr(), millis);
    }
    if (!first.startsWith(MARKER)) {
      // The compiler never finished (the container deadline), or the sandbox failed.
      return new Run(Status.TIMEOUT, r.exitCode(), programOut, r.stderr(), millis);
    }
    int compiled = Integer.parseInt(first.substring(MARKER.length()).strip());
    if (compiled == 124 || compiled == 137) {
      return new Run(Status.TIMEOUT, compiled, "", r.stderr(), millis);
    }
    if (compiled != 0) {
      return new Run(Status.SYNTAX_ERROR, compiled, "", r.stderr(), millis);
    }
    if (r.timedOut() || r.exitCode() == 124 || r.exitCode() == 137) {
      return new Run(Status.TIMEOUT, r.exitCode(), programOut, r.stderr(), millis);
    }
    return new Run(r.exitCode() == 0 ? Status.OK : Status.EXCEPTION, r.exitCode(), programOut,
        r.stderr(), millis);
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      closeSession.close();
    } catch (Exception e) {
      // The sandbox closes its containers; nothing else to release.
    }
    SafeFiles.deleteTree(scratch);
  }
}
