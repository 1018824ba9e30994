package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;

/**
 * The {@code task:assignments:<taskId>} records: which worker ran a task, how many attempts it
 * took, when it started and ended, its status and last error. Kept for the retention after the last
 * change. Starting is refused for a task that already completed, which is how a duplicate queue
 * item is recognised once the first run has released its lock. {@link #writeAll} sends the records
 * of many tasks in one pipelined round trip; each is still its own script call on its own key, so
 * the records stay in their own cluster slots.
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

  /** One write to an assignment record, for {@link #writeAll}. */
  public sealed interface Write permits Start, Finish, Settled {}

  /**
   * {@code workerId} starts {@code task}; its result is the attempt number, {@link
   * #ALREADY_COMPLETED} or {@link #COMPLETED_UNSETTLED}.
   */
  public record Start(Task task, String workerId) implements Write {}

  /**
   * An attempt ended with {@code status} (retrying, dead, or completed, which is written with the
   * {@code unsettled} mark until {@link Settled}); its result is 1.
   */
  public record Finish(String taskId, String status, String error) implements Write {}

  /** The completed task's queue item is settled: the {@code unsettled} mark goes. */
  public record Settled(String taskId) implements Write {}

  /**
   * Records the start; returns this attempt's number, {@link #ALREADY_COMPLETED} or {@link
   * #COMPLETED_UNSETTLED}.
   */
  public CompletionStage<Integer> start(Task task, String workerId) {
    Start start = new Start(task, workerId);
    return START
        .<Long>run(ctx.redis(), RScript.ReturnType.LONG, keys(start), args(start, now()))
        .thenApply(Long::intValue);
  }

  /**
   * Records how the attempt ended: status (completed, retrying, dead) and the error, if any. A
   * completion carries the {@code unsettled} mark until {@link #markSettled}.
   */
  public CompletionStage<Void> finish(String taskId, String status, String error) {
    return writeAll(List.of(new Finish(taskId, status, error))).thenApply(ignored -> null);
  }

  /** Removes the mark a completion carries, once the task's queue item is settled. */
  public CompletionStage<Void> markSettled(String taskId) {
    return writeAll(List.of(new Settled(taskId))).thenApply(ignored -> null);
  }

  /**
   * Sends every write in one pipelined round trip, stamped with the time it is sent. Returns one
   * result per write, in order; fails as a whole when any write fails.
   */
  public CompletionStage<List<Long>> writeAll(List<? extends Write> writes) {
    RBatch batch = ctx.redis().createBatch();
    String now = now();
    List<RFuture<Long>> replies = new ArrayList<>(writes.size());
    for (Write write : writes) {
      if (write instanceof Settled settled) {
        replies.add(
            batch
                .<String, String>getMap(ctx.keys().assignment(settled.taskId()))
                .fastRemoveAsync(UNSETTLED));
        continue;
      }
      LuaScript script = write instanceof Start ? START : FINISH;
      replies.add(script.addTo(batch, RScript.ReturnType.LONG, keys(write), args(write, now)));
    }
    return batch
        .executeAsync()
        .thenApply(
            ignored -> {
              List<Long> results = new ArrayList<>(replies.size());
              replies.forEach(reply -> results.add(reply.toCompletableFuture().join()));
              return results;
            });
  }

  private String now() {
    return Long.toString(ctx.clock().millis());
  }

  private List<Object> keys(Write write) {
    String taskId = write instanceof Start start ? start.task().id() : ((Finish) write).taskId();
    return List.of(ctx.keys().assignment(taskId));
  }

  private Object[] args(Write write, String now) {
    if (write instanceof Start start) {
      return new Object[] {
        start.workerId(), now, Integer.toString(start.task().attempt()), retentionMillis
      };
    }
    Finish finish = (Finish) write;
    List<Object> args = new ArrayList<>(List.of(retentionMillis, "status", finish.status()));
    args.add(finish.status().equals("completed") ? "completed_at" : "ended_at");
    args.add(now);
    if (finish.error() != null) {
      args.add("last_error");
      args.add(finish.error());
    }
    if (finish.status().equals("completed")) {
      args.add(UNSETTLED);
      args.add("1");
    }
    return args.toArray();
  }

  /** The record as stored; empty when there is none. */
  public Map<String, String> read(String taskId) {
    return ctx.redis().<String, String>getMap(ctx.keys().assignment(taskId)).readAllMap();
  }
}
