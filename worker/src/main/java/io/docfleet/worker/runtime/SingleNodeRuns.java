package io.docfleet.worker.runtime;

import io.docfleet.queue.BeginResult;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.redis.ReplicaAcks;
import io.docfleet.task.Task;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.lock.TaskLocks.Lock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript;

/**
 * Begins and completes many runs of one worker's tasks of one type in one script call each, where
 * every key is on one server (a single Redis, or a primary behind sentinels): a begin takes the
 * task's lock and records the start ({@code run_begin.lua}); a completion records it, takes the
 * queue item off the in-flight list and releases the lock in one atomic step ({@code
 * run_complete.lua}). The keys and their contents are exactly those of the separate steps a cluster
 * takes ({@link TaskLocks}, {@link TaskAssignments}, {@code WorkerQueue}), so Redisson's {@code
 * RLock}, the reaper and the inspectors see no difference; only the number of round trips does.
 *
 * <p>Where the Redis has a replica, each call waits for it to acknowledge ({@link ReplicaAcks}): a
 * handler starts only once its claim, lock and start record are on the replica, and a run counts as
 * done only once its completion is, so a failover to that replica neither hands a running task to a
 * second worker nor forgets that a task completed.
 */
final class SingleNodeRuns {
  private static final LuaScript BEGIN = LuaScript.load("run_begin");
  private static final LuaScript COMPLETE = LuaScript.load("run_complete");

  /** What Redisson's {@code LockPubSub} reads as "unlocked". */
  private static final String UNLOCK_MESSAGE = "0";

  /** A run to begin: the task, and the lock this run takes on it. */
  public record Begin(Task task, Lock lock) {}

  /**
   * A run to complete: its queue item byte for byte as claimed, its lock, and whether the
   * completion must be recorded (false when an earlier run recorded it and stopped before its item
   * left the in-flight list).
   */
  public record Completion(String item, Lock lock, boolean record) {}

  private final FleetContext fleet;
  private final TaskLocks locks;
  private final String workerId;
  private final String inFlight;
  private final String stats;
  private final String leaseMillis;
  private final String retentionMillis;
  private final ReplicaAcks acks;

  /** Runs whose calls never wait for a replica. */
  public SingleNodeRuns(
      FleetContext fleet, TaskLocks locks, String type, String workerId, Duration retention) {
    this(fleet, locks, type, workerId, retention, ReplicaAcks.of(fleet, Duration.ZERO));
  }

  public SingleNodeRuns(
      FleetContext fleet,
      TaskLocks locks,
      String type,
      String workerId,
      Duration retention,
      ReplicaAcks acks) {
    this.fleet = fleet;
    this.acks = acks;
    this.locks = locks;
    this.workerId = workerId;
    this.inFlight = fleet.keys().inFlight(type, workerId);
    this.stats = fleet.keys().stats(type);
    this.leaseMillis = Long.toString(locks.lease().toMillis());
    this.retentionMillis = Long.toString(retention.toMillis());
  }

  /**
   * Begins every run in one call; per run, how it went. Every lock taken (every result but {@link
   * BeginResult.LockedElsewhere}) is renewed by the watchdog of {@link TaskLocks} until it is
   * released.
   */
  public CompletionStage<List<BeginResult>> beginAll(List<Begin> begins) {
    List<Object> keys = new ArrayList<>(begins.size() * 2);
    List<Object> args = new ArrayList<>(begins.size() * 2 + 4);
    args.add(leaseMillis);
    args.add(Long.toString(fleet.clock().millis()));
    args.add(retentionMillis);
    args.add(workerId);
    for (Begin begin : begins) {
      keys.add(begin.lock().key());
      keys.add(fleet.keys().assignment(begin.task().id()));
      args.add(begin.lock().field());
      args.add(Integer.toString(begin.task().attempt()));
    }
    return acks.<List<Object>>run(BEGIN, RScript.ReturnType.LIST, keys, args.toArray())
        .thenApply(
            replies -> {
              List<BeginResult> results = new ArrayList<>(replies.size());
              for (int i = 0; i < replies.size(); i++) {
                BeginResult result = BeginResult.fromReply(((Number) replies.get(i)).longValue());
                if (result.holdsLock()) {
                  locks.track(begins.get(i).lock());
                }
                results.add(result);
              }
              return results;
            });
  }

  /**
   * Completes every run in one atomic call; per run, true when its item was taken off the in-flight
   * list, false when it was no longer there (a reaper returned it: the completion is stale). Every
   * lock is released where its run still held it, and the watchdog stops renewing it.
   */
  public CompletionStage<List<Boolean>> completeAll(List<Completion> completions) {
    List<Object> keys = new ArrayList<>(completions.size() * 3 + 2);
    List<Object> args = new ArrayList<>(completions.size() * 3 + 3);
    keys.add(inFlight);
    keys.add(stats);
    args.add(Long.toString(fleet.clock().millis()));
    args.add(retentionMillis);
    args.add(UNLOCK_MESSAGE);
    for (Completion completion : completions) {
      String taskId = completion.lock().taskId();
      keys.add(fleet.keys().assignment(taskId));
      keys.add(completion.lock().key());
      keys.add(fleet.keys().taskLockChannel(taskId));
      args.add(completion.item());
      args.add(completion.lock().field());
      args.add(completion.record() ? "1" : "0");
      locks.untrack(completion.lock());
    }
    return acks.<List<Object>>run(COMPLETE, RScript.ReturnType.LIST, keys, args.toArray())
        .thenApply(
            replies -> replies.stream().map(reply -> ((Number) reply).longValue() == 1).toList());
  }
}
