package io.docfleet.queue;

/**
 * How the begin of a claimed item's run went, in the claim that moved it into the worker's
 * in-flight list ({@code claim.lua}): started (its run lock held, its start recorded, with this
 * attempt's number), dropped as a duplicate (another run holds its lock, or its task already
 * completed; already taken off the in-flight list and counted), or left unread (no task id could be
 * read from it: it stays in flight, without lock or record, for the worker to dead-letter). Decoded
 * from the script's reply, the only place its numbers are read.
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

  /** Another run holds the task's lock: the item was dropped as a duplicate. */
  record LockedElsewhere() implements BeginResult {}

  /** The task already completed: the item was dropped as a duplicate. */
  record AlreadyCompleted() implements BeginResult {}

  /** No task id could be read from the item: it stays in flight, to be dead-lettered. */
  record Unreadable() implements BeginResult {}

  /** The run began as attempt {@code attempt}. */
  static BeginResult started(int attempt) {
    return new Started(attempt);
  }

  /** True when the item was dropped as a duplicate (it is no longer in flight). */
  default boolean duplicate() {
    return this instanceof LockedElsewhere || this instanceof AlreadyCompleted;
  }

  /**
   * The result the claim script replied: 0 for a lock another run holds, -1 for a task already
   * completed, -2 for an item without a readable task id, else the attempt number.
   */
  static BeginResult fromReply(long reply) {
    if (reply == 0) {
      return new LockedElsewhere();
    }
    if (reply == -1) {
      return new AlreadyCompleted();
    }
    if (reply == -2) {
      return new Unreadable();
    }
    if (reply < 0 || reply > Integer.MAX_VALUE) {
      throw new IllegalStateException("a claim script replied " + reply + ", which means nothing");
    }
    return new Started((int) reply);
  }
}
