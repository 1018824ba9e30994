package io.docfleet.queue;

import java.util.Locale;

/**
 * The {@code status} of a task's record ({@link TaskRecord}): how its latest attempt stands. The
 * claim script writes {@code running} itself; every other writer and reader names a status through
 * this enum.
 */
public enum TaskStatus {
  /** An attempt is under way. */
  RUNNING,
  /** The attempt failed and the task runs again after a backoff. */
  RETRYING,
  /** The task waits on something outside and runs again later, its attempt not counted. */
  WAITING,
  /** The task completed. */
  COMPLETED,
  /** The task went to the dead-letter list. */
  DEAD;

  /** The lower-case name stored in the record. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status stored as {@code value}. */
  public static TaskStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
