package io.docfleet.worker.metrics;

import io.docfleet.metrics.FleetHistograms;
import io.docfleet.metrics.FleetSeries;
import io.docfleet.metrics.HistogramDelta;
import io.docfleet.redis.FleetContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds what this worker measured since its last flush (task run times, provider calls) to the
 * fleet's histograms ({@link FleetHistograms}), once per heartbeat interval, in one {@code MULTI}:
 * the coordinator never reads half a flush, and the fleet's counts only grow, whichever worker
 * dies. A flush Redis did not take is kept for the next one. Its own timer rather than the
 * heartbeat's batch: a failing flush must not make the heartbeat fail, and the heartbeat's keys are
 * in other hash slots than the {@code MULTI}'s.
 *
 * <p>Lifecycle: {@link #start} flushes on a timer; {@link #close} stops it and flushes once more
 * (after the worker's last runs ended, before its Redis client closes).
 */
public final class FleetMetricsPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FleetMetricsPublisher.class);

  /**
   * Atomic, and never re-sent by the client: a flush whose answer was lost is kept and written
   * again at worst, rather than re-sent blindly twice within one flush.
   */
  private static final BatchOptions FLUSH =
      BatchOptions.defaults()
          .executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC)
          .responseTimeout(2, TimeUnit.SECONDS)
          .retryAttempts(0);

  private final FleetContext fleet;
  private final WorkerMetrics metrics;
  private final FleetHistograms histograms;
  private ScheduledExecutorService timer;
  private boolean failing;

  public FleetMetricsPublisher(FleetContext fleet, WorkerMetrics metrics) {
    this.fleet = fleet;
    this.metrics = metrics;
    this.histograms = new FleetHistograms(fleet.keys());
  }

  /**
   * Writes what was measured since the last flush; false (keeping it) when Redis did not take it.
   */
  public synchronized boolean flush() {
    Map<FleetSeries, HistogramDelta> deltas = metrics.takeDeltas();
    if (deltas.isEmpty()) {
      return true;
    }
    try {
      RBatch batch = fleet.redis().createBatch(FLUSH);
      histograms.add(batch, deltas);
      batch.execute();
      if (failing) {
        failing = false;
        log.info("fleet metrics written again");
      }
      return true;
    } catch (RuntimeException e) {
      metrics.giveBack(deltas);
      if (!failing) {
        failing = true;
        log.warn("fleet metrics not written ({}); kept for the next flush", e.toString());
      }
      return false;
    }
  }

  public synchronized FleetMetricsPublisher start(Duration interval) {
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(FleetMetricsPublisher::daemon);
      timer.scheduleWithFixedDelay(
          this::flushSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  @Override
  public void close() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      stopping = timer;
      timer = null;
    }
    if (stopping != null) {
      stopping.shutdown();
      try {
        stopping.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flushSafely();
  }

  private void flushSafely() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("fleet metrics flush failed: {}", e.toString());
    }
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "fleet-metrics");
    thread.setDaemon(true);
    return thread;
  }
}
