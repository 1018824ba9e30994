package io.docfleet.api.dashboard;

import io.docfleet.api.TestCoordinator;
import io.docfleet.config.Concurrency;
import io.docfleet.metrics.FleetHistograms;
import io.docfleet.metrics.FleetSeries;
import io.docfleet.metrics.HistogramCounts;
import io.docfleet.queue.DeadLetter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Task;
import io.docfleet.worker.heartbeat.Heartbeat;
import io.docfleet.worker.heartbeat.WorkerCounters;
import io.docfleet.worker.heartbeat.WorkerRegistration;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.redisson.api.RBatch;

/**
 * Puts a fleet's state into the test coordinator's Redis the way workers and ingesters would, so
 * dashboard tests read like sentences: {@code seeds.readyTasks("ocr", 3)}, {@code
 * seeds.worker("w1", List.of("ocr"))}, {@code seeds.lostWorker("w-gone")}.
 */
final class FleetSeeds {
  private final TestCoordinator api;
  private final AtomicInteger ids = new AtomicInteger();

  FleetSeeds(TestCoordinator api) {
    this.api = api;
  }

  private FleetContext fleet() {
    return api.fleet();
  }

  /** {@code count} tasks of {@code type} waiting in {@code tasks:<type>}. */
  void readyTasks(String type, int count) {
    fleet().redis().getSet(fleet().keys().queuesIndex()).add(type);
    for (int i = 0; i < count; i++) {
      Task task =
          Task.of("t-" + ids.incrementAndGet(), type, fleet().codec().mapper().createObjectNode())
              .withEnqueuedAt(api.clock().instant());
      fleet()
          .redis()
          .<String>getDeque(fleet().keys().ready(type))
          .addFirst(fleet().codec().encode(task));
    }
  }

  /** A live worker serving {@code types} whose heartbeat was just written. */
  void worker(String id, List<String> types) {
    new Heartbeat(
            fleet(),
            new WorkerRegistration(
                id, "host-" + id, 1, types, new Concurrency(2, Map.of()), api.clock().instant()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            () -> new WorkerCounters(3, 0, 1))
        .beat();
  }

  /** A worker whose registration expired and whom the reaper has not forgotten yet. */
  void lostWorker(String id) {
    fleet().redis().getSet(fleet().keys().workersIndex()).add(id);
  }

  /** {@code count} tasks of {@code type} that went to its dead-letter list after 5 attempts. */
  void deadLetters(String type, int count, String error) throws MalformedTaskException {
    readyTasks(type, count);
    WorkerQueue queue = new WorkerQueue(fleet(), type, "w-dead");
    for (ClaimedItem run : queue.claim(count).toCompletableFuture().join().items()) {
      DeadLetter entry =
          new DeadLetter(run.taskId(), run.item(), error, api.clock().instant(), "w-dead", 5);
      queue.ends().deadLetter(run, entry, true, null).toCompletableFuture().join();
    }
  }

  /**
   * Runs of {@code type} that took each of {@code millis}, in the fleet's histogram, as workers
   * flush them.
   */
  void runTimes(String type, long... millis) {
    HistogramCounts counts = new HistogramCounts();
    for (long ms : millis) {
      counts.record(ms * 1_000_000, false);
    }
    RBatch batch = fleet().redis().createBatch();
    new FleetHistograms(fleet().keys())
        .add(batch, Map.of(FleetSeries.taskDuration(type), counts.takeDelta()));
    batch.execute();
  }

  /** One provider result in the cache's Redis. */
  void cacheEntry(String type) {
    FleetContext cache = api.context().cacheFleet();
    cache
        .redis()
        .getBucket(cache.keys().cacheEntry(type, "ab".repeat(32), "tesseract", "5", "v1"))
        .set("{}");
  }

  /** The provider cache's counters of one type, and the total, as the cache writes them. */
  void cacheCounters(String type, long hits, long misses) {
    FleetContext cache = api.context().cacheFleet();
    Map<String, String> counters =
        Map.of("hits", Long.toString(hits), "misses", Long.toString(misses));
    cache.redis().getMap(cache.keys().cacheMetrics(type)).putAll(counters);
    cache.redis().getMap(cache.keys().cacheMetricsTotal()).putAll(counters);
  }
}
