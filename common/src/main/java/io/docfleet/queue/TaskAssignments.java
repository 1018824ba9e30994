package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript;

/**
 * The {@code task:assignments:<taskId>} records: which worker ran a task, how many attempts it
 * took, when it started and ended, its status and last error. Kept for the retention after the last
 * change. Starting is refused for a task that already completed, which is how a duplicate queue
 * item is recognised once the first run has released its lock.
 *
 * <p>The record lives outside the queue's hash slot, so it cannot change in the same script that
 * settles the queue item. A completion is therefore recorded first, marked {@code unsettled}, and
 * the mark is removed once the item is settled: a worker that stops in between leaves a record that
 * is right and an item in flight, which the next worker to claim it settles as completed without
 * running the task again.
 */
public final class TaskAssignments {
  /** Returned by {@link #start} for a task that already completed. */
  public static final int ALREADY_COMPLETED = -1;

  /** Returned by {@link #start} for a task that completed but whose queue item was not settled. */
  public static final int COMPLETED_UNSETTLED = -2;

  private static final String UNSETTLED = "unsettled";

  private static final LuaScript START = LuaScript.load("assignment_start");
  private static final LuaScript FINISH = LuaScript.load("assignment_finish");

  private final FleetContext ctx;
  private final String retentionMillis;

  public TaskAssignments(FleetContext ctx, Duration retention) {
    this.ctx = ctx;
    this.retentionMillis = Long.toString(retention.toMillis());
  }

  /**
   * Records the start; returns this attempt's number, {@link #ALREADY_COMPLETED} or {@link
   * #COMPLETED_UNSETTLED}.
   */
  public CompletionStage<Integer> start(Task task, String workerId) {
    return START
        .<Long>run(
            ctx.redis(),
            RScript.ReturnType.LONG,
            List.of(ctx.keys().assignment(task.id())),
            workerId,
            Long.toString(ctx.clock().millis()),
            Integer.toString(task.attempt()),
            retentionMillis)
        .thenApply(Long::intValue);
  }

  /** Records how the attempt ended: status (completed, retrying, dead) and the error, if any. */
  public CompletionStage<Void> finish(String taskId, String status, String error) {
    List<Object> args = new ArrayList<>(List.of(retentionMillis, "status", status));
    args.add(status.equals("completed") ? "completed_at" : "ended_at");
    args.add(Long.toString(ctx.clock().millis()));
    if (error != null) {
      args.add("last_error");
      args.add(error);
    }
    return FINISH
        .<Long>run(
            ctx.redis(),
            RScript.ReturnType.LONG,
            List.of(ctx.keys().assignment(taskId)),
            args.toArray())
        .thenApply(ignored -> null);
  }

  /** Records a successful run before its queue item is settled; see {@link #markSettled}. */
  public CompletionStage<Void> recordCompletion(String taskId) {
    return FINISH
        .<Long>run(
            ctx.redis(),
            RScript.ReturnType.LONG,
            List.of(ctx.keys().assignment(taskId)),
            retentionMillis,
            "status",
            "completed",
            "completed_at",
            Long.toString(ctx.clock().millis()),
            UNSETTLED,
            "1")
        .thenApply(ignored -> null);
  }

  /** Removes the mark {@link #recordCompletion} set, once the task's queue item is settled. */
  public CompletionStage<Void> markSettled(String taskId) {
    return ctx.redis()
        .<String, String>getMap(ctx.keys().assignment(taskId))
        .fastRemoveAsync(UNSETTLED)
        .thenApply(ignored -> null);
  }

  /** The record as stored; empty when there is none. */
  public Map<String, String> read(String taskId) {
    return ctx.redis().<String, String>getMap(ctx.keys().assignment(taskId)).readAllMap();
  }
}
