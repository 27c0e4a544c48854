package dev.ratchet;

/**
 * The root of Ratchet's unchecked exceptions: a broken environment or a violated contract.
 *
 * <p>Expected outcomes (a rejected edit, a failing gate) are values, never exceptions. Catch {@link
 * RetriableException} to retry; everything else will fail again the same way.
 */
public class RatchetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message says what went wrong and what to do. */
  public RatchetException(String message) {
    super(message);
  }

  /** Creates an exception that wraps the cause it was raised for. */
  public RatchetException(String message, Throwable cause) {
    super(message, cause);
  }
}
