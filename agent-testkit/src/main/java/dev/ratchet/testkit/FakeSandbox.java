package dev.ratchet.testkit;

import dev.ratchet.RatchetException;
import dev.ratchet.sandbox.ExecResult;
import dev.ratchet.sandbox.ExecSpec;
import dev.ratchet.sandbox.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A sandbox that runs nothing: it answers each command from a function or a fixed result, and
 * records the specs it was given. Safe for use from several threads.
 */
public final class FakeSandbox implements Sandbox {

  private final Function<ExecSpec, ExecResult> answer;
  private final List<ExecSpec> specs = new ArrayList<>();
  private boolean closed;

  private FakeSandbox(Function<ExecSpec, ExecResult> answer) {
    this.answer = answer;
  }

  /** Returns a sandbox that answers each command with what the function computes from its spec. */
  public static FakeSandbox answering(Function<ExecSpec, ExecResult> answer) {
    return new FakeSandbox(Objects.requireNonNull(answer, "answer"));
  }

  /**
   * Returns a sandbox whose every command exits with the given code and standard output, an empty
   * standard error and no time spent.
   */
  public static FakeSandbox exitCode(int exitCode, String stdout) {
    ExecResult result = ExecResult.of(exitCode, stdout, "", Duration.ZERO);
    return new FakeSandbox(spec -> result);
  }

  /**
   * Returns a sandbox that stands for a missing one: every command throws a {@link
   * RatchetException}, as a real sandbox does when Docker is unreachable.
   */
  public static FakeSandbox unavailable() {
    return new FakeSandbox(
        spec -> {
          throw new RatchetException(
              "no sandbox configured: cannot run " + spec.argv()
                  + "; give the loop a Sandbox (FakeSandbox.answering(...) in tests)");
        });
  }

  /**
   * Records the spec and returns the scripted result.
   *
   * @throws IllegalStateException when the sandbox was closed
   */
  @Override
  public ExecResult exec(ExecSpec spec) {
    Objects.requireNonNull(spec, "spec");
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException(
            "fake sandbox used after close() to run " + spec.argv()
                + "; close a sandbox only when nothing runs in it any more");
      }
      specs.add(spec);
    }
    ExecResult result = answer.apply(spec);
    if (result == null) {
      throw new IllegalStateException(
          "the answering function returned null for " + spec.argv() + "; return an ExecResult");
    }
    return result;
  }

  /** Returns every spec received so far, oldest first, as an unmodifiable copy. */
  public synchronized List<ExecSpec> specs() {
    return List.copyOf(specs);
  }

  /** Returns whether {@link #close} was called. */
  public synchronized boolean closed() {
    return closed;
  }

  /** Returns {@code fake}. */
  @Override
  public String name() {
    return "fake";
  }

  /** Marks the sandbox closed; later commands throw. */
  @Override
  public synchronized void close() {
    closed = true;
  }
}
