package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Priority;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;

/** Reads queue depths and counters for operators, the demo and the benchmark; changes nothing. */
public final class QueueInspector {
  private final FleetContext fleet;

  public QueueInspector(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** The task types any worker served or any task was submitted to. */
  public Set<String> types() {
    return fleet.redis().<String>getSet(fleet.keys().queuesIndex()).readAll();
  }

  /** One snapshot of a type's queue, read in one round trip. */
  public QueueStats stats(String type) {
    Set<String> workers = fleet.redis().<String>getSet(fleet.keys().workersIndex()).readAll();
    RBatch batch = fleet.redis().createBatch();
    batch.getList(fleet.keys().ready(type)).sizeAsync();
    batch.getScoredSortedSet(fleet.keys().delayed(type)).sizeAsync();
    batch.getList(fleet.keys().dead(type)).sizeAsync();
    batch.getMap(fleet.keys().stats(type)).readAllMapAsync();
    batch.getList(fleet.keys().runs().lane(type, Priority.HIGH)).sizeAsync();
    batch.getList(fleet.keys().runs().lane(type, Priority.LOW)).sizeAsync();
    batch.getMap(fleet.keys().groups().owed(type)).readAllMapAsync();
    for (String worker : workers) {
      batch.getList(fleet.keys().inFlight(type, worker)).sizeAsync();
    }
    BatchResult<?> result = batch.execute();
    long inFlight = 0;
    for (int i = 7; i < result.getResponses().size(); i++) {
      inFlight += ((Number) result.getResponses().get(i)).longValue();
    }
    QueueCounters counters = QueueCounters.fromHash((Map<?, ?>) result.getResponses().get(3));
    // a lane's list holds its tasks without a group and a turn for each grouped task that has one;
    // the grouped tasks without a turn are owed (include/groups.lua)
    Map<?, ?> owed = (Map<?, ?>) result.getResponses().get(6);
    LaneDepths lanes =
        new LaneDepths(
            number(result, 4) + owed(owed, Priority.HIGH),
            number(result, 0) + owed(owed, Priority.NORMAL),
            number(result, 5) + owed(owed, Priority.LOW));
    return new QueueStats(
        type, lanes.total(), inFlight, number(result, 1), number(result, 2), counters, lanes);
  }

  /**
   * When the oldest ready task of a type was queued: the earliest {@code enqueuedAt} of the items
   * at the right end of its lanes and of its groups' lists; empty when none is ready or none of
   * them says (an ingester's LPUSH without {@code enqueuedAt}, or not a task).
   */
  public Optional<Instant> oldestReadyEnqueuedAt(String type) {
    Set<String> groups = fleet.redis().<String>getSet(fleet.keys().groups().known(type)).readAll();
    RBatch batch = fleet.redis().createBatch();
    for (Priority lane : Priority.values()) {
      batch.getList(fleet.keys().runs().lane(type, lane)).getAsync(-1);
      for (String group : groups) {
        batch.getList(fleet.keys().groups().ready(type, group, lane)).getAsync(-1);
      }
    }
    Optional<Instant> oldest = Optional.empty();
    for (Object tail : batch.execute().getResponses()) {
      Optional<Instant> queued = tail instanceof String item ? enqueuedAt(item) : Optional.empty();
      if (queued.isPresent() && (oldest.isEmpty() || queued.get().isBefore(oldest.get()))) {
        oldest = queued;
      }
    }
    return oldest;
  }

  private Optional<Instant> enqueuedAt(String item) {
    try {
      return Optional.ofNullable(fleet.codec().decode(item).enqueuedAt());
    } catch (MalformedTaskException e) {
      return Optional.empty();
    }
  }

  private static long owed(Map<?, ?> owed, Priority lane) {
    Object value = owed.get(lane.wireName());
    return value == null ? 0 : Long.parseLong(value.toString());
  }

  private static long number(BatchResult<?> result, int index) {
    return ((Number) result.getResponses().get(index)).longValue();
  }
}
