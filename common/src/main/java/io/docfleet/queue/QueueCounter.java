package io.docfleet.queue;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The counters of {@code {tasks:<type>}:stats}, each under the hash field ({@link #wireName}) that
 * the queue's scripts increment and every reader names. A counter that was renamed keeps its old
 * field ({@link #legacyName}) readable for one release: a hash written by older workers still
 * counts ({@link QueueCounters#fromHash}).
 */
public enum QueueCounter {
  /** Tasks queued ({@code submit.lua}). */
  SUBMITTED("submitted", null),
  /** Items completed: their run succeeded, or an earlier run's completion was found recorded. */
  COMPLETED("completed", null),
  /** Handler runs that failed (then retried or dead-lettered). */
  FAILED("failed", null),
  /** Failed runs sent to the delayed set to run again. */
  RETRIED("retried", null),
  /** Items dead-lettered: moved to the dead-letter list. */
  DEAD_LETTERED("dead_lettered", "dead"),
  /** In-flight items returned to their ready list by the reaper or the orphan sweep. */
  RETURNED("returned", "recovered"),
  /** Unfinished in-flight items a draining worker returned to their ready list. */
  RETURNED_ON_SHUTDOWN("returned_on_shutdown", "requeued_on_shutdown"),
  /**
   * Tasks that wait on something outside, sent to the delayed set with their attempts unchanged.
   */
  POLLS_SCHEDULED("polls_scheduled", null),
  /** Duplicate queue items dropped without running. */
  DUPLICATES("duplicates", "duplicates_suppressed"),
  /** Ends of items that were no longer in the worker's in-flight list: nothing else was written. */
  STALE("stale", "stale_completions"),
  /** Dead letters an operator queued again. */
  DEAD_RETRIED("dead_retried", null),
  /** Dead letters an operator purged. */
  DEAD_PURGED("dead_purged", null),
  /** Ready tasks an operator purged before they started. */
  READY_PURGED("ready_purged", null);

  private static final Map<String, QueueCounter> BY_WIRE =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(c -> c.wire, Function.identity()));

  private final String wire;
  private final String legacy;

  QueueCounter(String wire, String legacy) {
    this.wire = wire;
    this.legacy = legacy;
  }

  /** The field of {@code {tasks:<type>}:stats}, the API's and the metrics' name for it. */
  public String wireName() {
    return wire;
  }

  /**
   * The field this counter was stored under before it was renamed, still read (and published next
   * to the new name) for one release; empty for a counter never renamed.
   */
  public Optional<String> legacyName() {
    return Optional.ofNullable(legacy);
  }

  /** The counter stored under {@code field}, its wire name; empty for any other field. */
  public static Optional<QueueCounter> fromWire(String field) {
    return Optional.ofNullable(BY_WIRE.get(field));
  }
}
