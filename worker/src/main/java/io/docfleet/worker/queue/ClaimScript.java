package io.docfleet.worker.queue;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.docfleet.queue.BeginResult;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.task.Priority;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.queue.WorkerQueue.Options;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RScript;

/**
 * One worker's calls of {@code claim.lua} on one type's queue: the arguments (worked out once where
 * they never change), the owner ids of the run locks it may take, and its reply read as {@link
 * ClaimedItem}s.
 */
final class ClaimScript {
  private static final LuaScript CLAIM = LuaScript.load("claim");

  /**
   * Owner ids of run locks, unique in this JVM (so per Redisson client): each position of a claim
   * gets one.
   */
  private static final AtomicLong OWNERS = new AtomicLong(1L << 40);

  private final FleetContext fleet;
  private final String type;
  private final QueueKeys keys;
  private final Options options;
  private final List<Object> keyList;
  private final String leaseMillis;
  private final String ownerPrefix;
  private final String workerJson;
  private final String weights;

  ClaimScript(FleetContext fleet, String type, String workerId, QueueKeys keys, Options options) {
    this.fleet = fleet;
    this.type = type;
    this.keys = keys;
    this.options = options;
    this.keyList =
        List.of(
            keys.ready(),
            keys.inFlight(),
            keys.paused(),
            keys.assignments(),
            keys.expiry(),
            keys.stats(),
            keys.high(),
            keys.low(),
            keys.laneTurns(),
            keys.pausedHigh(),
            keys.pausedNormal(),
            keys.pausedLow());
    this.weights = options.laneWeights().wire();
    this.leaseMillis = Long.toString(options.lease().toMillis());
    this.ownerPrefix = fleet.redis().getId() + ":";
    this.workerJson =
        '"' + new String(JsonStringEncoder.getInstance().quoteAsString(workerId)) + '"';
  }

  /** The start of every owner field this worker's Redisson client writes. */
  String ownerPrefix() {
    return ownerPrefix;
  }

  /**
   * Moves up to {@code max} ready items and begins their runs; {@code moved}, when not null, is an
   * item BLMOVE already moved into the in-flight list, begun first.
   */
  CompletionStage<Claimed> claim(int max, String moved) {
    long now = fleet.clock().millis();
    int positions = max + (moved == null ? 0 : 1);
    long firstOwner = OWNERS.getAndAdd(Math.max(1, positions));
    List<Object> args = new ArrayList<>(10);
    args.add(Integer.toString(max));
    args.add(Long.toString(now));
    args.add(Long.toString(now + options.retention().toMillis()));
    args.add(leaseMillis);
    args.add(keys.lockPrefix());
    args.add(ownerPrefix);
    args.add(Long.toString(firstOwner));
    args.add(workerJson);
    args.add(weights);
    if (moved != null) {
      args.add(moved);
    }
    return options
        .acks()
        .<List<Object>>run(CLAIM, RScript.ReturnType.LIST, keyList, args.toArray())
        .thenApply(reply -> claimed(reply, firstOwner, now));
  }

  /** The reply: the paused lanes, then four entries per item (see {@code claim.lua}). */
  private Claimed claimed(List<Object> reply, long firstOwner, long now) {
    List<ClaimedItem> items = new ArrayList<>((reply.size() - 1) / 4);
    for (int at = 1; at + 3 < reply.size(); at += 4) {
      int position = (at - 1) / 4;
      String taskId = (String) reply.get(at + 1);
      BeginResult begun = BeginResult.fromReply(((Number) reply.get(at + 2)).longValue());
      TaskLocks.Lock lock =
          begun instanceof BeginResult.Started ? lock(taskId, firstOwner + position) : null;
      String lastError = (String) reply.get(at + 3);
      items.add(
          new ClaimedItem(
              (String) reply.get(at),
              taskId,
              begun,
              lock,
              now,
              lastError.isEmpty() ? null : lastError));
    }
    return new Claimed(pausedLanes(((Number) reply.get(0)).longValue()), items);
  }

  /** The reply's first entry: 1 when the whole type is paused, else 2, 4, 8 for paused lanes. */
  private static Set<Priority> pausedLanes(long flag) {
    if (flag == 1) {
      return EnumSet.allOf(Priority.class);
    }
    Set<Priority> paused = EnumSet.noneOf(Priority.class);
    for (Priority lane : Priority.values()) {
      if ((flag & (2L << lane.ordinal())) != 0) {
        paused.add(lane);
      }
    }
    return paused;
  }

  private TaskLocks.Lock lock(String taskId, long owner) {
    return new TaskLocks.Lock(type, taskId, owner, keys.lockPrefix() + taskId, ownerPrefix + owner);
  }
}
