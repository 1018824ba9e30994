package io.docfleet.api.dashboard;

import io.docfleet.api.context.ApiContext;
import io.docfleet.api.queues.QueueRoutes;
import io.docfleet.api.queues.QueueView;
import io.docfleet.api.redismonitor.RedisSections;
import io.docfleet.api.redismonitor.RedisServers;
import io.docfleet.api.workers.WorkerRoutes.WorkerView;
import io.docfleet.cache.CacheInspector;
import io.docfleet.cache.CacheMetricsSnapshot;
import io.docfleet.cache.CacheType;
import io.docfleet.coordination.FleetWorkers;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.DeadLetters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Takes one {@link DashboardSnapshot}: workers, queues and cache counters read from Redis the way
 * the API reads them, the newest dead letters of every type, both Redis's figures and keys by
 * pattern from their one reader ({@link RedisServers}, read alongside), the fleet's task run-time
 * histograms ({@link TaskDurations}), and the document activity kept in memory. Changes nothing.
 */
final class SnapshotReader {
  static final int RECENT_DEAD_LETTERS = 10;

  private final ApiContext api;
  private final QueueRoutes queues;
  private final FleetWorkers workers;
  private final CacheInspector cache;
  private final DocumentActivity activity;
  private final RedisServers redis;
  private final RedisSections redisSections;
  private final TaskDurations durations;

  SnapshotReader(
      ApiContext api, QueueRoutes queues, DocumentActivity activity, RedisServers redis) {
    this.api = api;
    this.queues = queues;
    this.workers = new FleetWorkers(api.fleet());
    this.cache = new CacheInspector(api.cacheFleet());
    this.activity = activity;
    this.redis = redis;
    this.redisSections = new RedisSections(api.bodies().mapper());
    this.durations = new TaskDurations(api.fleet());
  }

  /** A snapshot; with both Redis's figures when {@code withRedis} (else {@code redis} is null). */
  DashboardSnapshot read(boolean withRedis) {
    long at = api.fleet().clock().millis();
    CompletableFuture<RedisServers.Looks> looking = withRedis ? redis.lookAsync() : null;
    List<QueueView> views = queues.views();
    return new DashboardSnapshot(
        at,
        workers(),
        views,
        cache(),
        activity.throughput(),
        activity.recentFailures(),
        deadLetters(views),
        looking == null ? null : redis(looking.join()),
        durations.read(views.stream().map(QueueView::type).toList()));
  }

  private DashboardSnapshot.Redis redis(RedisServers.Looks looks) {
    return new DashboardSnapshot.Redis(
        redisSections.queue(redis, looks), redisSections.cache(redis, looks));
  }

  private DashboardSnapshot.Workers workers() {
    List<WorkerInfo> all = workers.list();
    return new DashboardSnapshot.Workers(
        all.size(),
        all.stream().filter(WorkerInfo::isLost).count(),
        all.stream().map(WorkerView::of).toList());
  }

  private DashboardSnapshot.Cache cache() {
    Map<String, DashboardSnapshot.CacheRate> byType = new LinkedHashMap<>();
    for (CacheType type : CacheType.values()) {
      byType.put(type.wireName(), rate(cache.metrics(type)));
    }
    return new DashboardSnapshot.Cache(api.cacheEnabled(), rate(cache.total()), byType);
  }

  private static DashboardSnapshot.CacheRate rate(CacheMetricsSnapshot s) {
    return new DashboardSnapshot.CacheRate(s.hits(), s.misses(), s.hitRate());
  }

  /** The newest dead letters across types; only types whose list is not empty are read. */
  private List<DashboardSnapshot.DeadLetterRow> deadLetters(List<QueueView> views) {
    List<DashboardSnapshot.DeadLetterRow> rows = new ArrayList<>();
    for (QueueView view : views) {
      if (view.dead() == 0) {
        continue;
      }
      for (DeadLetter letter :
          new DeadLetters(api.fleet(), view.type()).list(0, RECENT_DEAD_LETTERS)) {
        rows.add(
            new DashboardSnapshot.DeadLetterRow(
                view.type(),
                letter.taskId(),
                letter.error(),
                letter.failedAt().toEpochMilli(),
                letter.worker(),
                letter.attempts()));
      }
    }
    rows.sort(Comparator.comparingLong(DashboardSnapshot.DeadLetterRow::failedAt).reversed());
    return rows.size() > RECENT_DEAD_LETTERS
        ? List.copyOf(rows.subList(0, RECENT_DEAD_LETTERS))
        : rows;
  }
}
