package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.redis.SlotGroups;
import io.docfleet.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The {@code task:assignments:<taskId>} records: which worker ran a task, how many attempts it
 * took, when it started and ended, its status and last error. Kept for the retention after the last
 * change. Starting is refused for a task that already completed, which is how a duplicate queue
 * item is recognised once the first run has released its lock. {@link #writeAll} sends the records
 * of many tasks in one round trip: one script call for the whole batch on a single Redis, one per
 * hash slot on a cluster ({@link SlotGroups}); each record still gets its own answer.
 *
 * <p>The record lives outside the queue's hash slot, so it cannot change in the same script that
 * completes the queue item (takes it off the in-flight list). A completion is therefore recorded
 * first, marked {@code unsettled} (completion recorded, item not yet taken off the in-flight list),
 * and the mark is removed once the item is completed: a worker that stops in between leaves a
 * record that is right and an item in flight, which the next worker to claim it completes without
 * running the task again.
 */
public final class TaskAssignments {
  /**
   * The stored mark of a completion whose item is not yet off the in-flight list. The stored name
   * stays until the cluster-only protocol that needs it goes (issue 12).
   */
  private static final String UNSETTLED = "unsettled";

  private static final LuaScript WRITE = LuaScript.load("assignment_write");

  private final FleetContext fleet;
  private final String retentionMillis;
  private final SlotGroups slots;

  public TaskAssignments(FleetContext fleet, Duration retention) {
    this(fleet, retention, SlotGroups.of(fleet));
  }

  TaskAssignments(FleetContext fleet, Duration retention, SlotGroups slots) {
    this.fleet = fleet;
    this.retentionMillis = Long.toString(retention.toMillis());
    this.slots = slots;
  }

  /** One write to an assignment record, for {@link #writeAll}. */
  public sealed interface Write permits Start, Finish, Waiting, ItemCompleted, DeadRetried {}

  /**
   * {@code workerId} starts {@code task}; its reply is read only by {@link BeginResult#fromReply},
   * which turns it into a {@link BeginResult}.
   */
  public record Start(Task task, String workerId) implements Write {}

  /**
   * An attempt ended with {@code status} (retrying, dead, or completed, which is written with the
   * {@code unsettled} mark until {@link ItemCompleted}); its result is 1.
   */
  public record Finish(String taskId, TaskStatus status, String error) implements Write {}

  /**
   * The task waits on something outside and runs again later (status {@code waiting}): the attempt
   * that just ran is not counted, so {@code attempts} goes back to {@code attemptsMade} and the
   * next start counts the same attempt again. Its result is 1.
   */
  public record Waiting(String taskId, int attemptsMade) implements Write {}

  /**
   * The completed task's queue item is completed too (off the in-flight list): the {@code
   * unsettled} mark goes.
   */
  public record ItemCompleted(String taskId) implements Write {}

  /**
   * An operator queues the dead task again: its {@code attempts} go back to 0, so its next start is
   * attempt 1, unless it completed since (or its record expired). Its result is 1 when the attempts
   * were reset, else 0; the record keeps its expiry.
   */
  public record DeadRetried(String taskId) implements Write {}

  /**
   * Records the start: {@link BeginResult.Started} with this attempt's number, {@link
   * BeginResult.AlreadyCompleted} or {@link BeginResult.CompletedStillInFlight}.
   */
  public CompletionStage<BeginResult> start(Task task, String workerId) {
    return writeAll(List.of(new Start(task, workerId)))
        .thenApply(results -> BeginResult.fromReply(results.get(0)));
  }

  /**
   * Records how the attempt ended: status (completed, retrying, dead) and the error, if any. A
   * completion carries the {@code unsettled} mark until {@link #markItemCompleted}.
   */
  public CompletionStage<Void> finish(String taskId, TaskStatus status, String error) {
    return writeAll(List.of(new Finish(taskId, status, error))).thenApply(ignored -> null);
  }

  /** Removes the mark a completion carries, once the task's queue item is completed. */
  public CompletionStage<Void> markItemCompleted(String taskId) {
    return writeAll(List.of(new ItemCompleted(taskId))).thenApply(ignored -> null);
  }

  /**
   * Sends every write in one round trip, stamped with the time it is sent: one {@code
   * assignment_write.lua} call on a single Redis, one per hash slot (pipelined) on a cluster.
   * Returns one result per write, in order; fails as a whole when any write fails.
   */
  public CompletionStage<List<Long>> writeAll(List<? extends Write> writes) {
    String now = now();
    return slots.run(
        fleet.redis(),
        WRITE,
        writes,
        write -> fleet.keys().assignment(taskId(write)),
        group -> {
          List<Object> keys = new ArrayList<>(group.size());
          List<Object> args = new ArrayList<>(group.size() * 4 + 2);
          args.add(now);
          args.add(retentionMillis);
          for (Integer index : group) {
            Write write = writes.get(index);
            keys.add(fleet.keys().assignment(taskId(write)));
            addArgs(write, args, now);
          }
          return new SlotGroups.ScriptCall(keys, args.toArray());
        });
  }

  private String now() {
    return Long.toString(fleet.clock().millis());
  }

  private static String taskId(Write write) {
    if (write instanceof Start start) {
      return start.task().id();
    }
    if (write instanceof Waiting waiting) {
      return waiting.taskId();
    }
    if (write instanceof DeadRetried retried) {
      return retried.taskId();
    }
    return write instanceof Finish finish ? finish.taskId() : ((ItemCompleted) write).taskId();
  }

  private static void addArgs(Write write, List<Object> args, String now) {
    if (write instanceof Start start) {
      args.add("start");
      args.add(start.workerId());
      args.add(Integer.toString(start.task().attempt()));
      return;
    }
    if (write instanceof ItemCompleted) {
      args.add("item_completed");
      return;
    }
    if (write instanceof DeadRetried) {
      args.add("dead_retried");
      return;
    }
    if (write instanceof Waiting waiting) {
      args.add("finish");
      args.add("3");
      args.add("status");
      args.add(TaskStatus.WAITING.wireName());
      args.add("ended_at");
      args.add(now);
      args.add("attempts");
      args.add(Integer.toString(waiting.attemptsMade()));
      return;
    }
    Finish finish = (Finish) write;
    boolean completed = finish.status() == TaskStatus.COMPLETED;
    int pairs = 2 + (finish.error() != null ? 1 : 0) + (completed ? 1 : 0);
    args.add("finish");
    args.add(Integer.toString(pairs));
    args.add("status");
    args.add(finish.status().wireName());
    args.add(completed ? "completed_at" : "ended_at");
    args.add(now);
    if (finish.error() != null) {
      args.add("last_error");
      args.add(finish.error());
    }
    if (completed) {
      args.add(UNSETTLED);
      args.add("1");
    }
  }

  /** The record as stored; empty when there is none. */
  public Map<String, String> read(String taskId) {
    return fleet.redis().<String, String>getMap(fleet.keys().assignment(taskId)).readAllMap();
  }
}
