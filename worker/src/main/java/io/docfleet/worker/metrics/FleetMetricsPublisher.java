package io.docfleet.worker.metrics;

import io.docfleet.loop.PeriodicLoop;
import io.docfleet.metrics.FleetHistograms;
import io.docfleet.metrics.FleetSeries;
import io.docfleet.metrics.HistogramDelta;
import io.docfleet.redis.FleetContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;

/**
 * Adds what this worker measured since its last flush (task run times, provider calls) to the
 * fleet's histograms ({@link FleetHistograms}), once per heartbeat interval, in one {@code MULTI}:
 * the coordinator never reads half a flush, and the fleet's counts only grow, whichever worker
 * dies. A flush Redis did not take is kept for the next one. Its own timer rather than the
 * heartbeat's batch: a failing flush must not make the heartbeat fail, and the heartbeat's keys are
 * in other hash slots than the {@code MULTI}'s.
 *
 * <p>Lifecycle: {@link #start} flushes every interval (the loop {@code fleet-metrics}, counted in
 * the worker's meters); {@link #close} stops it and flushes once more (after the worker's last runs
 * ended, before its Redis client closes).
 */
public final class FleetMetricsPublisher implements AutoCloseable {
  /** How long {@link #close} lets a flush under way finish. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

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
  private final PeriodicLoop loop;

  /** A publisher that flushes every {@code interval} once started. */
  public FleetMetricsPublisher(FleetContext fleet, WorkerMetrics metrics, Duration interval) {
    this.fleet = fleet;
    this.metrics = metrics;
    this.histograms = new FleetHistograms(fleet.keys());
    this.loop =
        PeriodicLoop.named("fleet-metrics")
            .every(interval)
            .whileFailing("what was measured is kept for the next flush")
            .closeWait(CLOSE_WAIT)
            .build(this::write);
    loop.bindTo(metrics.registry());
  }

  /**
   * Writes what was measured since the last flush; false (keeping it) when Redis did not take it.
   */
  public boolean flush() {
    return loop.runOnce();
  }

  private synchronized void write() {
    Map<FleetSeries, HistogramDelta> deltas = metrics.takeDeltas();
    if (deltas.isEmpty()) {
      return;
    }
    try {
      RBatch batch = fleet.redis().createBatch(FLUSH);
      histograms.add(batch, deltas);
      batch.execute();
    } catch (RuntimeException e) {
      metrics.addBack(deltas);
      throw e;
    }
  }

  public FleetMetricsPublisher start() {
    loop.start();
    return this;
  }

  @Override
  public void close() {
    loop.close();
    flush();
  }
}
