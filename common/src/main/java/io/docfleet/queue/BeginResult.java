package io.docfleet.queue;

/**
 * How beginning a run of a claimed task went: started (with this attempt's number), or one of the
 * three ways a claimed item turns out not to be run. Decoded from the reply of {@code
 * run_begin.lua} or of {@code assignment_write.lua}'s {@code start}, the only places the numbers
 * those scripts return are read.
 */
public sealed interface BeginResult {

  /** The run began: its lock is held and its start recorded as attempt {@code attempt}. */
  record Started(int attempt) implements BeginResult {
    public Started {
      if (attempt < 1) {
        throw new IllegalArgumentException("an attempt is numbered from 1, not " + attempt);
      }
    }
  }

  /** Another run holds the task's lock: nothing was written, no lock is held by this run. */
  record LockedElsewhere() implements BeginResult {}

  /**
   * The task already completed and its queue item was taken off the in-flight list: this item is a
   * duplicate.
   */
  record AlreadyCompleted() implements BeginResult {}

  /**
   * The task completed, but the worker that ran it stopped before its queue item was taken off the
   * in-flight list (the record's {@code unsettled} mark): this item is completed now, without
   * running the task again.
   */
  record CompletedStillInFlight() implements BeginResult {}

  /** The run began as attempt {@code attempt}. */
  static BeginResult started(int attempt) {
    return new Started(attempt);
  }

  /** True when the run holds the task's lock now and must release it. */
  default boolean holdsLock() {
    return !(this instanceof LockedElsewhere);
  }

  /**
   * The result a begin script replied: 0 for a lock another run holds, -1 for a task already
   * completed, -2 for one completed whose item is still in flight, else the attempt number.
   */
  static BeginResult fromReply(long reply) {
    if (reply == 0) {
      return new LockedElsewhere();
    }
    if (reply == -1) {
      return new AlreadyCompleted();
    }
    if (reply == -2) {
      return new CompletedStillInFlight();
    }
    if (reply < 0 || reply > Integer.MAX_VALUE) {
      throw new IllegalStateException("a begin script replied " + reply + ", which means nothing");
    }
    return new Started((int) reply);
  }
}
