package io.docfleet.spend;

/** A failure reading or writing the spend ledger; the message says what was being done. */
public class SpendException extends RuntimeException {
  public SpendException(String message, Throwable cause) {
    super(message, cause);
  }
}
