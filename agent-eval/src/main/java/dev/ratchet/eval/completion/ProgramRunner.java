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
 * Compiles and runs assembled programs in the sandbox: two commands in the worker's warm session,
 * the compiler and then the program, each under the reference harness's time limit (the sandbox
 * kills a command at its deadline and keeps the container). Each worker owns one runner, one warm
 * sandbox session and one scratch directory.
 */
final class ProgramRunner implements AutoCloseable {

  /** What ran, before it is judged. */
  record Run(Status status, int exitCode, String stdout, String stderr, long millis) {}

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
    return compileThenRun(
        command("/work", Duration.ofSeconds(15), "rustc", "p.rs", "-o", "p"),
        command("/work", Duration.ofSeconds(5), "./p"));
  }

  /** HumanEval-X's way: the program as the bin target of a cargo project, run by cargo test. */
  Run cargoTest(String program) {
    write(cargoProject.resolve("src/main.rs"), program);
    return compileThenRun(
        command(CargoEnvironment.WORKSPACE, Duration.ofSeconds(120),
            "cargo", "test", "--frozen", "--no-run", "-q"),
        command(CargoEnvironment.WORKSPACE, Duration.ofSeconds(10),
            "cargo", "test", "--frozen", "-q"));
  }

  private ExecSpec command(String workdir, Duration timeout, String... argv) {
    return ExecSpec.builder(argv)
        .workdir(workdir)
        .env(environment.env(CargoEnvironment.Channel.STABLE))
        .env("RUST_BACKTRACE", "0")
        .mounts(mounts)
        .limits(limits.withTimeout(timeout))
        .build();
  }

  /**
   * The reference statuses: a compiler that fails or runs out of time is a syntax error or a
   * timeout, and the program is not run; then the program's own end decides.
   */
  private Run compileThenRun(ExecSpec compile, ExecSpec run) {
    ExecResult built = session.exec(compile);
    String compilerOutput = built.stdout() + built.stderr();
    if (built.oomKilled()) {
      return new Run(Status.OOM, built.exitCode(), "", compilerOutput, millis(built));
    }
    if (built.timedOut()) {
      return new Run(Status.TIMEOUT, built.exitCode(), "", compilerOutput, millis(built));
    }
    if (built.exitCode() != 0) {
      return new Run(Status.SYNTAX_ERROR, built.exitCode(), "", compilerOutput, millis(built));
    }
    ExecResult r = session.exec(run);
    long millis = millis(built) + millis(r);
    String stderr = compilerOutput + r.stderr();
    Status status = r.oomKilled() ? Status.OOM
        : r.timedOut() ? Status.TIMEOUT
        : r.exitCode() == 0 ? Status.OK : Status.EXCEPTION;
    return new Run(status, r.exitCode(), r.stdout(), stderr, millis);
  }

  private static long millis(ExecResult r) {
    return r.duration().toMillis();
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
