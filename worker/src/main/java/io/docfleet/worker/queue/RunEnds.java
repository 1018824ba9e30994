package io.docfleet.worker.queue;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueueCounter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.worker.queue.WorkerQueue.Options;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript;

/**
 * How one worker's runs of one type end, each in one atomic script call that takes the item off the
 * in-flight list, writes the task's record, releases the run lock (publishing Redisson's unlock
 * message) and counts: complete (many runs in one call, {@code complete.lua}), retry or poll later
 * ({@code retry.lua}), dead-letter ({@code dead_letter.lua}). An end of an item no longer in the
 * list (its lease expired: a reaper returned it) is stale: counted, and nothing is written but the
 * release of the run's own lock where it still held it. The records are built by the caller from
 * what the claim told it ({@link io.docfleet.queue.TaskRecord}): no script reads one to end a run.
 *
 * <p>A completion waits for a replica where the Redis has one ({@link Options#acks}): a run counts
 * as done only once its completion is on the replica. Retries, polls and dead-letters do not wait
 * (a lost one brings the item back in flight, for the orphan sweep).
 */
public final class RunEnds {
  private static final LuaScript COMPLETE = LuaScript.load("complete");
  private static final LuaScript RETRY = LuaScript.load("retry");
  private static final LuaScript DEAD_LETTER = LuaScript.load("dead_letter");

  /** A run to complete: its claimed item, and its completed record (JSON). */
  public record Completion(ClaimedItem run, String record) {}

  private final FleetContext fleet;
  private final QueueKeys keys;
  private final Options options;

  RunEnds(FleetContext fleet, QueueKeys keys, Options options) {
    this.fleet = fleet;
    this.keys = keys;
    this.options = options;
  }

  /** Completes many runs in one call; per run, true when completed, false when stale. */
  public CompletionStage<List<Boolean>> completeAll(List<Completion> completions) {
    List<Object> args = new ArrayList<>(completions.size() * 4 + 4);
    args.add(expiry());
    args.add(keys.lockPrefix());
    args.add(keys.channelPrefix());
    args.add(WorkerQueue.UNLOCK_MESSAGE);
    for (Completion completion : completions) {
      ClaimedItem run = completion.run();
      args.add(run.item());
      args.add(run.taskId());
      args.add(run.lock().field());
      args.add(completion.record());
    }
    return options
        .acks()
        .<List<Object>>run(
            COMPLETE,
            RScript.ReturnType.LIST,
            List.of(keys.inFlight(), keys.stats(), keys.assignments(), keys.expiry()),
            args.toArray())
        .thenApply(
            flags -> {
              List<Boolean> completed = new ArrayList<>(flags.size());
              flags.forEach(flag -> completed.add(((Number) flag).longValue() == 1));
              return completed;
            });
  }

  /**
   * Schedules {@code next} (the task with its attempt counted) for {@code due}, the attempt counted
   * failed and retried; false when stale.
   */
  public CompletionStage<Boolean> retry(ClaimedItem run, String next, Instant due, String record) {
    return delay(run, next, due, record, QueueCounter.FAILED, QueueCounter.RETRIED);
  }

  /**
   * Schedules {@code next} (the task with its attempts not counted) to run again at {@code due}: a
   * task that waits on a provider's job looks again later without holding a thread, and without
   * counting as a failure or a retry. False when stale.
   */
  public CompletionStage<Boolean> pollLater(
      ClaimedItem run, String next, Instant due, String record) {
    return delay(run, next, due, record, QueueCounter.POLLS_SCHEDULED);
  }

  private CompletionStage<Boolean> delay(
      ClaimedItem run, String next, Instant due, String record, QueueCounter... counters) {
    List<Object> args = new ArrayList<>(10 + counters.length);
    args.add(run.item());
    args.add(next);
    args.add(Long.toString(due.toEpochMilli()));
    args.add(run.taskId());
    args.add(run.lock().field());
    args.add(record);
    args.add(expiry());
    args.add(keys.lockPrefix());
    args.add(keys.channelPrefix());
    args.add(WorkerQueue.UNLOCK_MESSAGE);
    for (QueueCounter counter : counters) {
      args.add(counter.wireName());
    }
    return RETRY
        .<Long>run(
            fleet.redis(),
            RScript.ReturnType.LONG,
            List.of(
                keys.inFlight(), keys.delayed(), keys.stats(), keys.assignments(), keys.expiry()),
            args.toArray())
        .thenApply(moved -> moved == 1L);
  }

  /**
   * Dead-letters the item with its entry; {@code failed} when a handler ran. Its task's record
   * becomes {@code record} where the claim read a task id from the item; false when stale.
   */
  public CompletionStage<Boolean> deadLetter(
      ClaimedItem run, DeadLetter entry, boolean failed, String record) {
    boolean hasTask = !run.taskId().isEmpty();
    return DEAD_LETTER
        .<Long>run(
            fleet.redis(),
            RScript.ReturnType.LONG,
            List.of(keys.inFlight(), keys.dead(), keys.stats(), keys.assignments(), keys.expiry()),
            run.item(),
            entry.toJson(fleet.codec()),
            failed ? "1" : "0",
            run.taskId(),
            run.locked() ? run.lock().field() : "",
            hasTask && record != null ? record : "",
            expiry(),
            keys.lockPrefix(),
            keys.channelPrefix(),
            WorkerQueue.UNLOCK_MESSAGE)
        .thenApply(moved -> moved == 1L);
  }

  /** When a record written now expires. */
  private String expiry() {
    return Long.toString(fleet.clock().millis() + options.retention().toMillis());
  }
}
