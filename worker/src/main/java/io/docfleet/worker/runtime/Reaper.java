package io.docfleet.worker.runtime;

import io.docfleet.loop.PeriodicLoop;
import io.docfleet.redis.FleetContext;
import io.docfleet.worker.queue.WorkerQueue;
import io.docfleet.worker.queue.WorkerQueue.ReturnReason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns a dead worker's tasks to their queues. Every worker runs one, and a Redisson lock ({@code
 * reaper:lock}) lets exactly one pass run at a time across the fleet. A pass looks at every id in
 * {@code workers:index} whose {@code workers:<id>} key is gone (its heartbeat TTL ran out), returns
 * its in-flight items to the head of their ready lists (counted as {@code returned}) and deletes
 * their run locks, one script call per type, and then forgets the id. For one release it also
 * returns what a dead worker of the older version left under the in-flight list's older name
 * ({@code {tasks:<type>}:processing:<workerId>}).
 *
 * <p>The election lock is leased for one interval rather than renewed by Redisson's watchdog, so a
 * worker killed in the middle of a pass holds up the next pass by one interval at most, not by the
 * watchdog's 30 seconds. A pass that outlives its lease may overlap the next one; each return still
 * moves every item exactly once.
 *
 * <p>Lifecycle: {@link #start} runs {@link #reapOnce} every interval (the loop {@code reaper});
 * {@link #close} stops.
 */
final class Reaper implements AutoCloseable, MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(Reaper.class);

  private final FleetContext fleet;
  private final Duration interval;
  private final PeriodicLoop loop;

  public Reaper(FleetContext fleet, Duration interval) {
    this.fleet = fleet;
    this.interval = interval;
    this.loop =
        PeriodicLoop.named("reaper")
            .every(interval)
            .whileFailing("the tasks of dead workers wait in their in-flight lists")
            .build(this::reapOnce);
  }

  /** Counts failed passes in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    loop.bindTo(registry);
  }

  public void start() {
    loop.start();
  }

  /**
   * Runs one pass if no other reaper is running one; returns the number of tasks returned, or
   * nothing when another reaper holds the election lock (no pass ran).
   */
  public OptionalLong reapOnce() {
    RLock election = fleet.redis().getLock(fleet.keys().reaperLock());
    try {
      if (!election.tryLock(0, interval.toMillis(), TimeUnit.MILLISECONDS)) {
        return OptionalLong.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(reapDeadWorkers());
    } finally {
      release(election);
    }
  }

  private static void release(RLock election) {
    try {
      election.unlock();
    } catch (IllegalMonitorStateException e) {
      // the lease ran out during a slow pass; there is nothing left to release
    }
  }

  private long reapDeadWorkers() {
    long returned = 0;
    Set<String> types = fleet.redis().<String>getSet(fleet.keys().queuesIndex()).readAll();
    for (String workerId : fleet.redis().<String>getSet(fleet.keys().workersIndex()).readAll()) {
      if (fleet.redis().getMap(fleet.keys().worker(workerId)).isExists()) {
        continue;
      }
      long fromWorker = 0;
      for (String type : types) {
        WorkerQueue queue = new WorkerQueue(fleet, type, workerId);
        fromWorker += queue.returnAll(ReturnReason.ORPHANED) + queue.returnLegacy();
      }
      fleet.redis().getSet(fleet.keys().workersIndex()).remove(workerId);
      log.info(
          "worker {} stopped heartbeating: {} in-flight tasks were returned to their queues",
          workerId,
          fromWorker);
      returned += fromWorker;
    }
    return returned;
  }

  @Override
  public void close() {
    loop.close();
  }
}
