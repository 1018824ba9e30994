package io.docfleet.api.metrics;

import io.docfleet.cache.CacheMetricsSnapshot;
import io.docfleet.cache.CacheType;
import io.docfleet.coordination.FleetWorkers;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.metrics.FleetHistograms;
import io.docfleet.queue.GroupDepth;
import io.docfleet.queue.GroupTurns;
import io.docfleet.queue.LaneDepths;
import io.docfleet.queue.QueueCounters;
import io.docfleet.queue.QueueStats;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Priority;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.client.codec.StringCodec;

/**
 * Reads a {@link FleetReading} in at most six round trips, whatever the fleet's size, and never
 * with {@code KEYS}: the workers (their index, then their hashes), the queue and histogram indexes,
 * then one pipeline of every queue's lengths, counters, groups and oldest item and every
 * histogram's hash, one of the groups' lengths when there are groups ({@link GroupReads}), and one
 * of the cache's counters on the cache's Redis (left out when that Redis does not answer). Changes
 * nothing.
 */
final class FleetReader {
  private final FleetContext fleet;
  private final FleetContext cacheFleet;
  private final FleetHistograms histograms;

  FleetReader(FleetContext fleet, FleetContext cacheFleet) {
    this.fleet = fleet;
    this.cacheFleet = cacheFleet;
    this.histograms = new FleetHistograms(fleet.keys());
  }

  FleetReading read() {
    Instant now = fleet.clock().instant();
    List<WorkerInfo> workers = new FleetWorkers(fleet).list();

    RBatch indexes = fleet.redis().createBatch();
    RFuture<Set<Object>> typeIndex =
        indexes.getSet(fleet.keys().queuesIndex(), StringCodec.INSTANCE).readAllAsync();
    RFuture<Set<Object>> seriesIndex = histograms.index(indexes);
    indexes.execute();
    List<String> types = sorted(typeIndex);
    List<String> series = sorted(seriesIndex);

    RBatch batch = fleet.redis().createBatch();
    List<QueueReads> queueReads = new ArrayList<>(types.size());
    for (String type : types) {
      queueReads.add(new QueueReads(batch, fleet.keys(), type, workers));
    }
    List<RFuture<Map<Object, Object>>> seriesReads = new ArrayList<>(series.size());
    for (String key : series) {
      seriesReads.add(histograms.hash(batch, key));
    }
    if (!types.isEmpty() || !series.isEmpty()) {
      batch.execute();
    }

    Map<String, List<String>> groupsByType = new HashMap<>();
    for (QueueReads reads : queueReads) {
      groupsByType.put(reads.type, sorted(reads.groups));
    }
    GroupReads.Result groups = GroupReads.read(fleet.redis(), fleet.keys(), groupsByType);
    List<FleetReading.Queue> queues = new ArrayList<>(types.size());
    for (QueueReads reads : queueReads) {
      queues.add(reads.result(now, groups.depthsOf(reads.type), groups.oldestOf(reads.type)));
    }
    List<FleetHistograms.Reading> readings = new ArrayList<>(series.size());
    for (RFuture<Map<Object, Object>> read : seriesReads) {
      FleetHistograms.parse(join(read)).ifPresent(readings::add);
    }
    return new FleetReading(queues, workers, cachesOrNone(), readings);
  }

  /**
   * The cache's counters, or none when the cache's own Redis does not answer: a cache that is down
   * costs the workers only provider calls, and must not hide the queues from the scrape ({@code
   * docfleet_redis_up{redis="cache"}} says why the cache's series are missing).
   */
  private List<CacheMetricsSnapshot> cachesOrNone() {
    try {
      return caches();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private List<CacheMetricsSnapshot> caches() {
    RBatch batch = cacheFleet.redis().createBatch();
    Map<CacheType, RFuture<Map<Object, Object>>> reads = new HashMap<>();
    for (CacheType type : CacheType.values()) {
      reads.put(
          type,
          batch
              .getMap(cacheFleet.keys().cacheMetrics(type.wireName()), StringCodec.INSTANCE)
              .readAllMapAsync());
    }
    batch.execute();
    List<CacheMetricsSnapshot> caches = new ArrayList<>();
    for (CacheType type : CacheType.values()) {
      Map<Object, Object> fields = join(reads.get(type));
      caches.add(
          new CacheMetricsSnapshot(
              type.wireName(),
              number(fields.get("hits")),
              number(fields.get("misses")),
              number(fields.get("errors")),
              number(fields.get("timeouts")),
              number(fields.get("lock_timeouts"))));
    }
    return caches;
  }

  /** The reads of one queue, queued in the shared pipeline. */
  private final class QueueReads {
    final String type;
    final RFuture<Integer> ready;
    final RFuture<Integer> high;
    final RFuture<Integer> low;
    final RFuture<Integer> delayed;
    final RFuture<Integer> dead;
    final RFuture<Map<Object, Object>> counters;
    final RFuture<Set<Object>> groups;
    final RFuture<Map<Object, Object>> owed;
    final List<RFuture<Object>> oldest = new ArrayList<>();
    final List<RFuture<Integer>> inFlight = new ArrayList<>();

    QueueReads(RBatch batch, RedisKeys keys, String type, List<WorkerInfo> workers) {
      this.type = type;
      ready = batch.getList(keys.ready(type), StringCodec.INSTANCE).sizeAsync();
      high = batch.getList(keys.runs().lane(type, Priority.HIGH), StringCodec.INSTANCE).sizeAsync();
      low = batch.getList(keys.runs().lane(type, Priority.LOW), StringCodec.INSTANCE).sizeAsync();
      delayed = batch.getScoredSortedSet(keys.delayed(type), StringCodec.INSTANCE).sizeAsync();
      dead = batch.getList(keys.dead(type), StringCodec.INSTANCE).sizeAsync();
      counters = batch.getMap(keys.stats(type), StringCodec.INSTANCE).readAllMapAsync();
      groups = batch.getSet(keys.groups().known(type), StringCodec.INSTANCE).readAllAsync();
      owed = batch.getMap(keys.groups().owed(type), StringCodec.INSTANCE).readAllMapAsync();
      for (Priority lane : Priority.values()) {
        oldest.add(batch.getList(keys.runs().lane(type, lane), StringCodec.INSTANCE).getAsync(-1));
      }
      for (WorkerInfo worker : workers) {
        inFlight.add(
            batch.getList(keys.inFlight(type, worker.id()), StringCodec.INSTANCE).sizeAsync());
      }
    }

    FleetReading.Queue result(
        Instant now, List<GroupDepth> groupDepths, List<String> groupsOldest) {
      long held = 0;
      for (RFuture<Integer> list : inFlight) {
        held += join(list);
      }
      QueueCounters named = QueueCounters.fromHash(join(counters));
      // a lane's grouped tasks without a turn are owed (include/groups.lua), as QueueInspector
      Map<Object, Object> owing = join(owed);
      LaneDepths lanes =
          new LaneDepths(
              join(high) + number(owing.get(Priority.HIGH.wireName())),
              join(ready) + number(owing.get(Priority.NORMAL.wireName())),
              join(low) + number(owing.get(Priority.LOW.wireName())));
      QueueStats stats =
          new QueueStats(type, lanes.total(), held, join(delayed), join(dead), named, lanes);
      return new FleetReading.Queue(stats, oldestAge(now, groupsOldest), groupDepths);
    }

    /**
     * The age of the oldest of the lanes' and the groups' oldest items: zero when none waits. A
     * lane's turn item says nothing of its own: its task is among the groups' items.
     */
    private Optional<Duration> oldestAge(Instant now, List<String> groupsOldest) {
      Optional<Duration> oldestAge = Optional.of(Duration.ZERO);
      boolean unknown = false;
      List<Object> items = new ArrayList<>(groupsOldest);
      for (RFuture<Object> item : oldest) {
        Object tail = join(item);
        items.add(tail != null && GroupTurns.laneOf(tail.toString()).isPresent() ? null : tail);
      }
      for (Object item : items) {
        Optional<Duration> age = age(item, now);
        unknown |= age.isEmpty();
        if (age.isPresent() && age.get().compareTo(oldestAge.get()) > 0) {
          oldestAge = age;
        }
      }
      return unknown && oldestAge.get().isZero() ? Optional.empty() : oldestAge;
    }
  }

  private Optional<Duration> age(Object oldest, Instant now) {
    if (oldest == null) {
      return Optional.of(Duration.ZERO);
    }
    try {
      Instant queued = fleet.codec().decode(String.valueOf(oldest)).enqueuedAt();
      if (queued == null) {
        return Optional.empty();
      }
      return Optional.of(queued.isAfter(now) ? Duration.ZERO : Duration.between(queued, now));
    } catch (MalformedTaskException e) {
      return Optional.empty();
    }
  }

  private static List<String> sorted(RFuture<Set<Object>> members) {
    TreeSet<String> names = new TreeSet<>();
    join(members).forEach(member -> names.add(String.valueOf(member)));
    return new ArrayList<>(names);
  }

  private static <T> T join(RFuture<T> future) {
    return future.toCompletableFuture().join();
  }

  /** A counter; {@code HINCRBYFLOAT} writes whole numbers without a fraction, read leniently. */
  private static long number(Object value) {
    return value == null ? 0 : new BigDecimal(String.valueOf(value)).longValue();
  }
}
