package dev.ratchet.sandbox;

import dev.ratchet.RatchetException;

/**
 * The sandbox cannot run anything: no Docker daemon answers, the image is missing, or the runtime
 * refused to start a container. A gate reports this as {@code ERROR} (it could not judge), never
 * as a failure of the code under test; the CLI exits with code 4. The message says what to start
 * or build.
 */
public class SandboxUnavailableException extends RatchetException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message says what is missing and how to provide it. */
  public SandboxUnavailableException(String message) {
    super(message);
  }

  /** Creates an exception that wraps the cause it was raised for. */
  public SandboxUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
