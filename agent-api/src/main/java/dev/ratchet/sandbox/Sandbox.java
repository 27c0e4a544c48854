package dev.ratchet.sandbox;

/**
 * Where commands run: isolated, limited, with no network unless a spec asks for it.
 *
 * <p>A command that fails, times out or runs out of memory is an {@link ExecResult}, not an
 * exception; an exception means the sandbox itself is unavailable (no Docker daemon, no image).
 */
public interface Sandbox extends AutoCloseable {

  /** Runs one command to completion or to its deadline. */
  ExecResult exec(ExecSpec spec);

  /** A short name for reports, such as {@code docker} or {@code local}. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** Stops and removes whatever this sandbox still holds. */
  @Override
  default void close() {}
}
