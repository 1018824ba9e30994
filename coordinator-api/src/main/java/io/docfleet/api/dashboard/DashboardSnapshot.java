package io.docfleet.api.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.queues.QueueView;
import io.docfleet.api.workers.WorkerRoutes.WorkerView;
import io.docfleet.events.DocumentEvent;
import java.util.List;
import java.util.Map;

/**
 * Everything one dashboard frame shows, taken at {@code at} (epoch ms). Workers, queues, cache
 * counters and the Redis sections have the shapes of {@code /api/v1/workers}, {@code
 * /api/v1/queues}, {@code /api/v1/cache/metrics} and {@code /api/v1/health}, so the page and the
 * API never disagree on a number.
 */
public record DashboardSnapshot(
    long at,
    Workers workers,
    List<QueueView> queues,
    Cache cache,
    Throughput documents,
    List<DocumentEvent> recentFailures,
    List<DeadLetterRow> recentDeadLetters,
    Redis redis,
    Map<String, Durations> durations) {

  /**
   * The queue's Redis and the cache's, each section as {@code /api/v1/health} has it ({@code
   * cache.sharedWithQueue} when they are one server): figures, keys by pattern, pool. Read only for
   * open dashboards: null in the samples taken while none is open.
   */
  public record Redis(JsonNode queue, JsonNode cache) {}

  /**
   * One task type's run times over the whole fleet, running totals: how many runs took at most each
   * bound of {@code DurationBuckets.SECONDS} (cumulative, as Prometheus' buckets) and how many ran.
   */
  public record Durations(List<Long> cumulative, long count) {}

  /** The registered workers; lapsed ones have status {@code lost}. */
  public record Workers(int count, long lost, List<WorkerView> workers) {}

  /** The provider cache's counters, in total and per type. */
  public record Cache(boolean enabled, CacheRate total, Map<String, CacheRate> byType) {}

  /** One cache scope's hits, misses and hit rate (0 to 1). */
  public record CacheRate(long hits, long misses, double hitRate) {}

  /** Completed documents: in the last 60 seconds, and per minute over the history, oldest first. */
  public record Throughput(long lastMinute, List<Long> perMinute) {}

  /**
   * A dead letter of some type: which task, why, when (epoch ms), where and after how many tries.
   */
  public record DeadLetterRow(
      String type, String taskId, String error, long failedAt, String worker, int attempts) {}
}
