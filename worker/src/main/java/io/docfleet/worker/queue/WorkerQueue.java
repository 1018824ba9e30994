package io.docfleet.worker.queue;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.config.LaneWeights;
import io.docfleet.queue.QueueCounter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.redis.ReplicaAcks;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RBlockingDeque;
import org.redisson.api.RScript;
import org.redisson.api.queue.DequeMoveArgs;

/**
 * One worker's view of one task type's queue: it claims ready items into its own in-flight list,
 * beginning their runs in the same atomic step ({@code claim.lua}: each task's run lock taken and
 * its start recorded, duplicates dropped), and returns in-flight items to their lanes. How a run
 * ends is {@link #ends()}. Everything a run touches is in the queue's hash slot, so every step is
 * one script call, the same on a single Redis, behind sentinels and on a cluster.
 *
 * <p>A claim waits for a replica where the Redis has one ({@link ReplicaAcks}): a handler starts
 * only once its claim, run lock and start record are on the replica, so a failover to it never
 * hands a running task to a second worker.
 */
public final class WorkerQueue {
  private static final LuaScript RETURN_ALL = LuaScript.load("return_all");
  private static final LuaScript RETURN_ITEMS = LuaScript.load("return_items");

  /** The most items one claim moves: the script's arguments are unpacked on Lua's stack. */
  public static final int MAX_CLAIM = 512;

  /** What Redisson's {@code LockPubSub} reads as "unlocked". */
  static final String UNLOCK_MESSAGE = "0";

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

  /**
   * How a worker's runs are held: the run locks' lease, how long a task's record is kept after its
   * last write, the replica waits of claims and completions, and how claims share out between the
   * lanes.
   */
  public record Options(
      Duration lease, Duration retention, ReplicaAcks acks, LaneWeights laneWeights) {
    /** With the default lane weights. */
    public Options(Duration lease, Duration retention, ReplicaAcks acks) {
      this(lease, retention, acks, LaneWeights.DEFAULT);
    }

    /** Redisson's lock lease, the default retention, no replica waits, the default weights. */
    public static Options defaults(FleetContext fleet) {
      return new Options(
          Duration.ofMillis(fleet.redis().getConfig().getLockWatchdogTimeout()),
          QueueSettings.DEFAULT_RETENTION,
          ReplicaAcks.of(fleet, Duration.ZERO));
    }
  }

  private final FleetContext fleet;
  private final String type;
  private final String workerId;
  private final QueueKeys keys;
  private final ClaimScript claims;
  private final RunEnds ends;

  /** A queue whose claims never wait for a replica, with Redisson's lease and default retention. */
  public WorkerQueue(FleetContext fleet, String type, String workerId) {
    this(fleet, type, workerId, Options.defaults(fleet));
  }

  public WorkerQueue(FleetContext fleet, String type, String workerId, Options options) {
    this.fleet = fleet;
    this.type = type;
    this.workerId = workerId;
    this.keys = QueueKeys.of(fleet.keys(), type, workerId);
    this.claims = new ClaimScript(fleet, type, workerId, keys, options);
    this.ends = new RunEnds(fleet, keys, options);
  }

  public String type() {
    return type;
  }

  /** How this worker's runs of the type end: complete, retry, poll later, dead-letter. */
  public RunEnds ends() {
    return ends;
  }

  /**
   * Moves up to {@code max} ready items into the in-flight list (none while the type is paused) and
   * begins their runs, oldest first. Duplicates are dropped (off the list again and counted) and
   * come back marked so.
   */
  public CompletionStage<Claimed> claim(int max) {
    return claims.claim(Math.min(max, MAX_CLAIM), null);
  }

  /**
   * Waits, without holding a thread, for one item of {@code lane} and moves it into the in-flight
   * list (BLMOVE, so a moved item is never only in memory): the item, or null when none came within
   * the wait. Redisson sends a timeout below one second as "forever", so the wait is rounded up to
   * whole seconds. The item is not begun: {@link #begin} it.
   */
  public CompletionStage<String> moveFrom(Priority lane, Duration wait) {
    Duration seconds = Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000));
    RBlockingDeque<String> deque = fleet.redis().getBlockingDeque(keys.lane(lane));
    return deque.moveAsync(seconds, DequeMoveArgs.pollLast().addFirstTo(keys.inFlight()));
  }

  /**
   * Begins the run of an item {@link #moveFrom} moved, first, with up to {@code more} other ready
   * items, in one claim. An item no longer in the in-flight list (the orphan sweep returned it) is
   * not begun and not in the answer. A begin that fails leaves the item in flight, for the orphan
   * sweep to return.
   */
  public CompletionStage<Claimed> begin(String moved, int more) {
    return claims.claim(Math.min(more, MAX_CLAIM), moved);
  }

  /** The items in flight here, newest first. */
  public List<String> inFlight() {
    return fleet.redis().<String>getList(keys.inFlight()).readAll();
  }

  /**
   * Returns every in-flight item to the head of its lane's ready list, in the order they were
   * claimed, and deletes the run locks of their tasks, whoever holds them: a dead worker's (the
   * reaper) or a draining one's unfinished items. Returns how many moved.
   */
  public long returnAll(ReturnReason reason) {
    return returnAll(keys.inFlight(), reason);
  }

  /**
   * As {@link #returnAll} for the in-flight list under its name before issue 12 ({@code
   * {tasks:<type>}:processing:<workerId>}): what a dead worker of the older version left, read by
   * the reaper for one release.
   */
  public long returnLegacy() {
    return returnAll(fleet.keys().legacy().inFlight(type, workerId), ReturnReason.ORPHANED);
  }

  private long returnAll(String list, ReturnReason reason) {
    List<String> items = fleet.redis().<String>getList(list).readAll();
    if (items.isEmpty()) {
      return 0;
    }
    List<Object> args = new ArrayList<>(items.size() + 4);
    args.add(reason.counter.wireName());
    args.add(keys.lockPrefix());
    args.add(keys.channelPrefix());
    args.add(UNLOCK_MESSAGE);
    for (String item : items) {
      taskId(item).ifPresent(args::add);
    }
    Long moved =
        RETURN_ALL
            .<Long>run(
                fleet.redis(),
                RScript.ReturnType.LONG,
                List.of(list, keys.ready(), keys.stats(), keys.high(), keys.low()),
                args.toArray())
            .toCompletableFuture()
            .join();
    return moved == null ? 0 : moved;
  }

  /**
   * Returns orphans, in-flight items this worker holds in Redis but is not running, to the head of
   * their lanes' ready lists, counted as {@code returned}: first this worker's own holds on their
   * tasks' run locks go; an item whose lock another worker holds stays (see {@code
   * return_items.lua}). An item no longer in flight is skipped. Per item, true when it was
   * returned.
   */
  public CompletionStage<List<Boolean>> returnOrphans(List<String> items) {
    List<Object> args = new ArrayList<>(items.size() * 2 + 5);
    args.add(ReturnReason.ORPHANED.counter.wireName());
    args.add(claims.ownerPrefix());
    args.add(keys.lockPrefix());
    args.add(keys.channelPrefix());
    args.add(UNLOCK_MESSAGE);
    for (String item : items) {
      args.add(item);
      args.add(taskId(item).orElse(""));
    }
    return RETURN_ITEMS
        .<List<Object>>run(
            fleet.redis(),
            RScript.ReturnType.LIST,
            List.of(keys.inFlight(), keys.ready(), keys.stats(), keys.high(), keys.low()),
            args.toArray())
        .thenApply(flags -> flags.stream().map(f -> ((Number) f).longValue() == 1).toList());
  }

  private Optional<String> taskId(String item) {
    try {
      return Optional.of(fleet.codec().decode(item).id());
    } catch (MalformedTaskException e) {
      return Optional.empty(); // not a task, so never locked
    }
  }
}
