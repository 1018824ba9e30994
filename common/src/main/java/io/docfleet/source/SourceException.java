package io.docfleet.source;

/**
 * A document that cannot be read; the message says what was wrong. {@code retryable} is true for
 * failures that may pass (the store answered 5xx or timed out), false for those that will not (no
 * such object, outside the allowed roots, over the size limit).
 */
public final class SourceException extends Exception {
  private final boolean retryable;

  public SourceException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public SourceException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  static SourceException permanent(String message) {
    return new SourceException(message, false);
  }
}
