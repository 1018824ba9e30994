package io.docfleet.worker.runtime;

import io.docfleet.loop.PeriodicLoop;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.TaskCodec;
import io.docfleet.worker.queue.WorkerQueue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns the orphans of this worker's in-flight lists: items it is not running. The reaper only
 * looks at workers whose heartbeat is gone; a live worker can hold such items too after a Redis
 * failover: the new primary may lack an end (complete, retry, dead-letter) the old one applied and
 * acknowledged but never replicated, so the item is back in the list while no run of it is left; or
 * a claim's reply was lost with the primary, so an item sits in the list that the worker never
 * received. Nothing else would ever run or end it.
 *
 * <p>Every interval the sweep reads each in-flight list (one LRANGE per type; nothing per task) and
 * compares it with the runs under way ({@link RunningItems}). An item found in excess is only
 * suspect: a claim whose reply has not arrived yet looks the same. Only an item in excess in two
 * consecutive sweeps is an orphan: in one script call per type, this worker's stale holds on its
 * task's run lock are released and, where the lock is then free, the item is returned to the head
 * of its ready list, counted as {@code returned} ({@link WorkerQueue#returnOrphans}). A task whose
 * completion was lost may so run again: see docs/redis-topologies.md on failover. Lifecycle: {@link
 * #start} sweeps every interval (the loop {@code orphan-sweep}); {@link #close} stops (the drain
 * closes it first: it returns what is unfinished itself).
 */
final class OrphanSweep implements AutoCloseable, MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(OrphanSweep.class);

  /** One type's in-flight list and the runs of its items. */
  record Target(WorkerQueue queue, RunningItems running) {}

  private final List<Target> targets;
  private final TaskCodec codec;
  private final WorkerStats stats;
  private final Map<String, Map<String, Integer>> suspects = new HashMap<>();
  private final PeriodicLoop loop;

  OrphanSweep(List<Target> targets, TaskCodec codec, WorkerStats stats, Duration interval) {
    this.targets = List.copyOf(targets);
    this.codec = codec;
    this.stats = stats;
    this.loop =
        PeriodicLoop.named("orphan-sweep")
            .every(interval)
            .whileFailing("items a failover left in the in-flight lists wait there")
            .build(this::sweepOnce);
  }

  /** Counts failed sweeps in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    loop.bindTo(registry);
  }

  void start() {
    loop.start();
  }

  /** Sweeps every type once; returns how many items were returned. */
  synchronized long sweepOnce() {
    long returned = 0;
    for (Target target : targets) {
      returned += sweep(target);
    }
    return returned;
  }

  private long sweep(Target target) {
    String type = target.queue().type();
    List<String> listed = target.queue().inFlight();
    Map<String, Integer> running = target.running().snapshot();
    Map<String, Integer> excess = new HashMap<>();
    for (String item : listed) {
      excess.merge(item, 1, Integer::sum);
    }
    running.forEach(
        (item, runs) -> excess.computeIfPresent(item, (k, n) -> n > runs ? n - runs : null));
    Map<String, Integer> before = suspects.getOrDefault(type, Map.of());
    suspects.put(type, excess);
    List<String> orphans = new ArrayList<>();
    excess.forEach(
        (item, count) -> {
          for (int i = 0; i < Math.min(count, before.getOrDefault(item, 0)); i++) {
            orphans.add(item);
          }
        });
    if (orphans.isEmpty()) {
      return 0; // the usual case: no lock to look at, no running item to decode
    }
    List<String> candidates = notRunningHere(orphans, running.keySet());
    if (candidates.isEmpty()) {
      return 0;
    }
    List<Boolean> returned = target.queue().returnOrphans(candidates).toCompletableFuture().join();
    long moved = 0;
    for (int i = 0; i < candidates.size(); i++) {
      if (returned.get(i)) {
        moved++;
        excess.computeIfPresent(candidates.get(i), (k, n) -> n == 1 ? null : n - 1);
      }
    }
    if (moved == 0) {
      return 0; // another worker holds their locks: they wait until its run ended
    }
    stats.returned.addAndGet(moved);
    log.warn(
        "{} in-flight tasks of {} were in this worker's list but not running here (a Redis"
            + " failover lost their end or their claim's reply); they were returned to the head of"
            + " the queue",
        moved,
        type);
    return moved;
  }

  /**
   * The orphans whose task does not run here. A copy whose task runs here waits for that run to
   * end: returned now, it would be dropped as a duplicate of a run that may be about to end.
   * Whether another worker holds the task's run lock the script checks (the orphan then waits too).
   */
  private List<String> notRunningHere(List<String> orphans, Set<String> runningItems) {
    Set<String> runningTasks = new HashSet<>();
    runningItems.forEach(item -> taskId(item).ifPresent(runningTasks::add));
    List<String> candidates = new ArrayList<>();
    for (String orphan : orphans) {
      Optional<String> id = taskId(orphan);
      if (id.isEmpty() || !runningTasks.contains(id.get())) {
        candidates.add(orphan); // an item that is no task was never locked
      }
    }
    return candidates;
  }

  private Optional<String> taskId(String item) {
    try {
      return Optional.of(codec.decode(item).id());
    } catch (MalformedTaskException e) {
      return Optional.empty(); // not a task, never locked
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
