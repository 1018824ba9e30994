package io.docfleet.redis;

/** Numbers as Redis hands them back: strings in hashes and {@code INFO} fields. */
public final class RedisNumbers {
  private RedisNumbers() {}

  /**
   * The whole number in {@code value}, or 0 when it is missing or not a number: a counter or field
   * that was never written reads as zero, and a stray value never breaks a report.
   */
  public static long orZero(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
