package dev.ratchet;

/** A failure that the same call may not meet again: a timeout, a refused connection, a 429 or 5xx. */
public class RetriableException extends RatchetException {
  private static final long serialVersionUID = 1L;

  /** Creates a retriable failure with a message that says what failed. */
  public RetriableException(String message) {
    super(message);
  }

  /** Creates a retriable failure that wraps its cause. */
  public RetriableException(String message, Throwable cause) {
    super(message, cause);
  }
}
