package io.docfleet.api.metrics;

import io.docfleet.cache.CacheMetricsSnapshot;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.metrics.FleetHistograms;
import io.docfleet.queue.GroupDepth;
import io.docfleet.queue.QueueStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One look at the fleet in Redis, as {@code /metrics} shows it: every queue, every registered
 * worker, the cache's counters per type, and the fleet's duration histograms.
 */
record FleetReading(
    List<Queue> queues,
    List<WorkerInfo> workers,
    List<CacheMetricsSnapshot> caches,
    List<FleetHistograms.Reading> histograms) {

  FleetReading {
    queues = List.copyOf(queues);
    workers = List.copyOf(workers);
    caches = List.copyOf(caches);
    histograms = List.copyOf(histograms);
  }

  /**
   * One task type's queue; the age of its oldest ready task is zero when none is ready, and empty
   * when that task does not say when it was queued; its largest groups ({@link GroupReads}).
   */
  record Queue(QueueStats stats, Optional<Duration> oldestReadyAge, List<GroupDepth> groups) {
    Queue {
      groups = List.copyOf(groups);
    }

    Queue(QueueStats stats, Optional<Duration> oldestReadyAge) {
      this(stats, oldestReadyAge, List.of());
    }
  }
}
