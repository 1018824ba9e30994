package io.docfleet.worker.queue;

import io.docfleet.queue.DeadLetter;
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
 * settles each of them exactly once (complete, retry, dead-letter, drop as duplicate). Every step
 * that changes more than one key is one Lua script in the queue's slot. A settlement of an item
 * that is no longer in the list (a reaper gave it away) is stale: counted, and nothing else is
 * written.
 */
public final class WorkerQueue {
  private static final LuaScript CLAIM = LuaScript.load("claim");
  private static final LuaScript SETTLE = LuaScript.load("settle");
  private static final LuaScript RETRY = LuaScript.load("retry");
  private static final LuaScript BURY = LuaScript.load("bury");
  private static final LuaScript REQUEUE = LuaScript.load("requeue");
  private static final LuaScript GIVE_BACK = LuaScript.load("give_back");

  /** The counter a requeued in-flight item adds to. */
  public enum RequeueReason {
    RECOVERED("recovered"),
    SHUTDOWN("requeued_on_shutdown");

    private final String counter;

    RequeueReason(String counter) {
      this.counter = counter;
    }
  }

  private final FleetContext fleet;
  private final String type;
  private final String ready;
  private final String processing;

  public WorkerQueue(FleetContext fleet, String type, String workerId) {
    this.fleet = fleet;
    this.type = type;
    this.ready = fleet.keys().ready(type);
    this.processing = fleet.keys().processing(type, workerId);
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
            List.of(ready, processing, fleet.keys().paused(type)),
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
    return Optional.ofNullable(deque.move(wait, DequeMoveArgs.pollLast().addFirstTo(processing)));
  }

  /** Completes one item; true unless the completion was stale. */
  public CompletionStage<Boolean> complete(String item) {
    return settle("completed", List.of(item)).thenApply(flags -> flags.get(0));
  }

  /** Completes many items in one call; per item, true unless stale. */
  public CompletionStage<List<Boolean>> completeAll(List<String> items) {
    return settle("completed", items);
  }

  /** Drops an item another worker runs or already completed, counting the duplicate. */
  public CompletionStage<Boolean> dropDuplicate(String item) {
    return settle("duplicates_suppressed", List.of(item)).thenApply(flags -> flags.get(0));
  }

  /** Schedules {@code next} (the task with its attempt counted) for {@code due}. */
  public CompletionStage<Boolean> retry(String item, String next, Instant due) {
    return delay(item, next, due, "failed", "retried");
  }

  /**
   * Schedules {@code next} (the task with its attempts not counted) to run again at {@code due}: a
   * task that waits on a provider's job looks again later without holding a thread, and without
   * counting as a failure or a retry. False when the item was no longer in flight here (stale).
   */
  public CompletionStage<Boolean> pollLater(String item, String next, Instant due) {
    return delay(item, next, due, "polls_scheduled");
  }

  /** Moves the item to the delayed set as {@code next}, due at {@code due}, adding to counters. */
  private CompletionStage<Boolean> delay(
      String item, String next, Instant due, String... counters) {
    Object[] args = new Object[3 + counters.length];
    args[0] = item;
    args[1] = next;
    args[2] = Long.toString(due.toEpochMilli());
    System.arraycopy(counters, 0, args, 3, counters.length);
    return RETRY
        .<Long>run(
            fleet.redis(),
            RScript.ReturnType.LONG,
            List.of(processing, fleet.keys().delayed(type), fleet.keys().stats(type)),
            args)
        .thenApply(moved -> moved == 1L);
  }

  /** Moves an item to the dead-letter list with its entry; {@code failed} when a handler ran. */
  public CompletionStage<Boolean> bury(String item, DeadLetter entry, boolean failed) {
    return BURY.<Long>run(
            fleet.redis(),
            RScript.ReturnType.LONG,
            List.of(processing, fleet.keys().dead(type), fleet.keys().stats(type)),
            item,
            entry.toJson(fleet.codec()),
            failed ? "1" : "0")
        .thenApply(moved -> moved == 1L);
  }

  /** The items in flight here, newest first. */
  public List<String> inFlight() {
    return fleet.redis().<String>getList(processing).readAll();
  }

  /** Gives every in-flight item back to the head of the ready list; returns how many. */
  public long requeueAll(RequeueReason reason) {
    Long moved =
        REQUEUE
            .<Long>run(
                fleet.redis(),
                RScript.ReturnType.LONG,
                List.of(processing, ready, fleet.keys().stats(type)),
                reason.counter)
            .toCompletableFuture()
            .join();
    return moved == null ? 0 : moved;
  }

  /**
   * Gives these in-flight items back to the head of the ready list, counted as {@code recovered}:
   * items this worker holds in Redis but is not running. An item no longer in flight is skipped.
   * Returns how many moved.
   */
  public CompletionStage<Long> giveBack(List<String> items) {
    Object[] args = new Object[items.size() + 1];
    args[0] = RequeueReason.RECOVERED.counter;
    for (int i = 0; i < items.size(); i++) {
      args[i + 1] = items.get(i);
    }
    return GIVE_BACK.run(
        fleet.redis(),
        RScript.ReturnType.LONG,
        List.of(processing, ready, fleet.keys().stats(type)),
        args);
  }

  private CompletableFuture<List<Boolean>> settle(String counter, List<String> items) {
    Object[] args = new Object[items.size() + 1];
    args[0] = counter;
    for (int i = 0; i < items.size(); i++) {
      args[i + 1] = items.get(i);
    }
    return SETTLE
        .<List<Object>>run(
            fleet.redis(),
            RScript.ReturnType.LIST,
            List.of(processing, fleet.keys().stats(type)),
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
