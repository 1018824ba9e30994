package io.docfleet.worker.queue;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueueCounter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RBlockingDeque;
import org.redisson.api.RScript;
import org.redisson.api.queue.DequeMoveArgs;

/**
 * One worker's view of one task type's queue: it claims ready items into its own in-flight list and
 * ends each of them exactly once (complete, retry, dead-letter, drop as duplicate), or returns it
 * to the ready list. Every step that changes more than one key is one Lua script in the queue's
 * slot. An end of an item that is no longer in the list (a reaper returned it) is stale: counted,
 * and nothing else is written.
 */
public final class WorkerQueue {
  private static final LuaScript CLAIM = LuaScript.load("claim");
  private static final LuaScript COMPLETE = LuaScript.load("complete");
  private static final LuaScript RETRY = LuaScript.load("retry");
  private static final LuaScript DEAD_LETTER = LuaScript.load("dead_letter");
  private static final LuaScript RETURN_ALL = LuaScript.load("return_all");
  private static final LuaScript RETURN_ITEMS = LuaScript.load("return_items");

  /** Why in-flight items go back to the ready list, and so the counter they add to. */
  public enum ReturnReason {
    /** The reaper returns a dead worker's items; the orphan sweep a live worker's orphans. */
    ORPHANED(QueueCounter.RETURNED),
    /** A draining worker returns what it did not finish. */
    SHUTDOWN(QueueCounter.RETURNED_ON_SHUTDOWN);

    private final QueueCounter counter;

    ReturnReason(QueueCounter counter) {
      this.counter = counter;
    }
  }

  private final FleetContext fleet;
  private final String type;
  private final String ready;
  private final String inFlightKey;

  public WorkerQueue(FleetContext fleet, String type, String workerId) {
    this.fleet = fleet;
    this.type = type;
    this.ready = fleet.keys().ready(type);
    this.inFlightKey = fleet.keys().inFlight(type, workerId);
  }

  public String type() {
    return type;
  }

  /** What one claim moved, and whether the type was paused (then nothing was moved). */
  public record Claimed(boolean paused, List<String> items) {}

  /** Moves up to {@code max} ready items into the in-flight list; none while the type is paused. */
  public CompletionStage<List<String>> claim(int max) {
    return claimOrPaused(max).thenApply(Claimed::items);
  }

  /** As {@link #claim}, saying too whether the type is paused, in the same call. */
  public CompletionStage<Claimed> claimOrPaused(int max) {
    return CLAIM
        .<List<Object>>run(
            fleet.redis(),
            RScript.ReturnType.LIST,
            List.of(ready, inFlightKey, fleet.keys().paused(type)),
            Integer.toString(max))
        .thenApply(
            reply ->
                new Claimed(
                    ((Number) reply.get(0)).longValue() == 1,
                    strings(reply.subList(1, reply.size()))));
  }

  /**
   * Blocks until one item is ready (BLMOVE), then moves it into the in-flight list. Redisson sends
   * a timeout below one second as "forever", so the wait is rounded up to whole seconds.
   */
  public Optional<String> awaitOne(Duration timeout) {
    Duration wait = Duration.ofSeconds(Math.max(1, (timeout.toMillis() + 999) / 1000));
    RBlockingDeque<String> deque = fleet.redis().getBlockingDeque(ready);
    return Optional.ofNullable(deque.move(wait, DequeMoveArgs.pollLast().addFirstTo(inFlightKey)));
  }

  /** Completes one item; true unless the completion was stale. */
  public CompletionStage<Boolean> complete(String item) {
    return complete(QueueCounter.COMPLETED, List.of(item)).thenApply(flags -> flags.get(0));
  }

  /** Completes many items in one call; per item, true unless stale. */
  public CompletionStage<List<Boolean>> completeAll(List<String> items) {
    return complete(QueueCounter.COMPLETED, items);
  }

  /** Drops an item another worker runs or already completed, counting the duplicate. */
  public CompletionStage<Boolean> dropDuplicate(String item) {
    return complete(QueueCounter.DUPLICATES, List.of(item)).thenApply(flags -> flags.get(0));
  }

  /** Schedules {@code next} (the task with its attempt counted) for {@code due}. */
  public CompletionStage<Boolean> retry(String item, String next, Instant due) {
    return delay(item, next, due, QueueCounter.FAILED, QueueCounter.RETRIED);
  }

  /**
   * Schedules {@code next} (the task with its attempts not counted) to run again at {@code due}: a
   * task that waits on a provider's job looks again later without holding a thread, and without
   * counting as a failure or a retry. False when the item was no longer in flight here (stale).
   */
  public CompletionStage<Boolean> pollLater(String item, String next, Instant due) {
    return delay(item, next, due, QueueCounter.POLLS_SCHEDULED);
  }

  /** Moves the item to the delayed set as {@code next}, due at {@code due}, adding to counters. */
  private CompletionStage<Boolean> delay(
      String item, String next, Instant due, QueueCounter... counters) {
    Object[] args = new Object[3 + counters.length];
    args[0] = item;
    args[1] = next;
    args[2] = Long.toString(due.toEpochMilli());
    for (int i = 0; i < counters.length; i++) {
      args[3 + i] = counters[i].wireName();
    }
    return RETRY
        .<Long>run(
            fleet.redis(),
            RScript.ReturnType.LONG,
            List.of(inFlightKey, fleet.keys().delayed(type), fleet.keys().stats(type)),
            args)
        .thenApply(moved -> moved == 1L);
  }

  /** Dead-letters an item with its entry; {@code failed} when a handler ran. */
  public CompletionStage<Boolean> deadLetter(String item, DeadLetter entry, boolean failed) {
    return DEAD_LETTER
        .<Long>run(
            fleet.redis(),
            RScript.ReturnType.LONG,
            List.of(inFlightKey, fleet.keys().dead(type), fleet.keys().stats(type)),
            item,
            entry.toJson(fleet.codec()),
            failed ? "1" : "0")
        .thenApply(moved -> moved == 1L);
  }

  /** The items in flight here, newest first. */
  public List<String> inFlight() {
    return fleet.redis().<String>getList(inFlightKey).readAll();
  }

  /** Returns every in-flight item to the head of the ready list; returns how many. */
  public long returnAll(ReturnReason reason) {
    Long moved =
        RETURN_ALL
            .<Long>run(
                fleet.redis(),
                RScript.ReturnType.LONG,
                List.of(inFlightKey, ready, fleet.keys().stats(type)),
                reason.counter.wireName())
            .toCompletableFuture()
            .join();
    return moved == null ? 0 : moved;
  }

  /**
   * Returns these in-flight items to the head of the ready list, counted as {@code returned}:
   * orphans, items this worker holds in Redis but is not running. An item no longer in flight is
   * skipped. Returns how many moved.
   */
  public CompletionStage<Long> returnItems(List<String> items) {
    Object[] args = new Object[items.size() + 1];
    args[0] = ReturnReason.ORPHANED.counter.wireName();
    for (int i = 0; i < items.size(); i++) {
      args[i + 1] = items.get(i);
    }
    return RETURN_ITEMS.run(
        fleet.redis(),
        RScript.ReturnType.LONG,
        List.of(inFlightKey, ready, fleet.keys().stats(type)),
        args);
  }

  private CompletableFuture<List<Boolean>> complete(QueueCounter counter, List<String> items) {
    Object[] args = new Object[items.size() + 1];
    args[0] = counter.wireName();
    for (int i = 0; i < items.size(); i++) {
      args[i + 1] = items.get(i);
    }
    return COMPLETE
        .<List<Object>>run(
            fleet.redis(),
            RScript.ReturnType.LIST,
            List.of(inFlightKey, fleet.keys().stats(type)),
            args)
        .thenApply(
            flags -> {
              List<Boolean> removed = new ArrayList<>(flags.size());
              flags.forEach(flag -> removed.add(((Number) flag).longValue() == 1));
              return removed;
            })
        .toCompletableFuture();
  }

  private static List<String> strings(List<Object> items) {
    List<String> out = new ArrayList<>(items.size());
    items.forEach(item -> out.add((String) item));
    return out;
  }
}
