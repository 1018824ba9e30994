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
 */
public final class TaskAssignments {
  /** Returned by {@link #start} for a task that already completed. */
  public static final int ALREADY_COMPLETED = -1;

  private static final LuaScript START = LuaScript.load("assignment_start");
  private static final LuaScript FINISH = LuaScript.load("assignment_finish");

  private final FleetContext ctx;
  private final String retentionMillis;

  public TaskAssignments(FleetContext ctx, Duration retention) {
    this.ctx = ctx;
    this.retentionMillis = Long.toString(retention.toMillis());
  }

  /** Records the start; returns this attempt's number or {@link #ALREADY_COMPLETED}. */
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

  /** The record as stored; empty when there is none. */
  public Map<String, String> read(String taskId) {
    return ctx.redis().<String, String>getMap(ctx.keys().assignment(taskId)).readAllMap();
  }
}
