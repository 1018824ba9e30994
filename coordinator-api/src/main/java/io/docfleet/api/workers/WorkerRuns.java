package io.docfleet.api.workers;

import io.docfleet.queue.TaskAssignments;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisNumbers;
import io.docfleet.task.MalformedTaskException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;

/**
 * The runs a worker holds: the items of its in-flight list of each type it serves or the fleet
 * knows ({@code {tasks:<type>}:inflight:<workerId>}, at most {@value #MOST} a type, oldest first),
 * with the start and attempts of each task's record. Two round trips, and one HMGET a type.
 */
final class WorkerRuns {
  static final int MOST = 1_000;

  /** One run: its type, task id (null when the item holds none), start and attempts (or null). */
  record Run(String type, String id, String startedAt, Long attempts) {}

  private final FleetContext fleet;

  WorkerRuns(FleetContext fleet) {
    this.fleet = fleet;
  }

  List<Run> of(String workerId, List<String> capabilities) {
    TreeSet<String> types = new TreeSet<>(capabilities);
    types.addAll(fleet.redis().<String>getSet(fleet.keys().queuesIndex()).readAll());
    List<String> ordered = new ArrayList<>(types);
    RBatch batch = fleet.redis().createBatch();
    List<RFuture<List<String>>> lists = new ArrayList<>(ordered.size());
    for (String type : ordered) {
      lists.add(batch.<String>getList(fleet.keys().inFlight(type, workerId)).rangeAsync(-MOST, -1));
    }
    if (!ordered.isEmpty()) {
      batch.execute();
    }
    TaskAssignments records = new TaskAssignments(fleet);
    List<Run> runs = new ArrayList<>();
    for (int t = 0; t < ordered.size(); t++) {
      List<String> items = new ArrayList<>(lists.get(t).toCompletableFuture().join());
      if (items.isEmpty()) {
        continue;
      }
      Collections.reverse(items);
      List<String> ids = new ArrayList<>(items.size());
      items.forEach(item -> ids.add(idOf(item)));
      List<String> known = ids.stream().filter(id -> id != null).distinct().toList();
      List<Map<String, String>> read = records.readAll(ordered.get(t), known);
      Map<String, Map<String, String>> byId = new HashMap<>();
      for (int i = 0; i < known.size(); i++) {
        byId.put(known.get(i), read.get(i));
      }
      for (String id : ids) {
        Map<String, String> record = byId.getOrDefault(id, Map.of());
        long started = RedisNumbers.orZero(record.get("started_at"));
        runs.add(
            new Run(
                ordered.get(t),
                id,
                started > 0 ? Instant.ofEpochMilli(started).toString() : null,
                record.containsKey("attempts")
                    ? RedisNumbers.orZero(record.get("attempts"))
                    : null));
      }
    }
    return runs;
  }

  private String idOf(String item) {
    try {
      return fleet.codec().decode(item).id();
    } catch (MalformedTaskException | RuntimeException e) {
      return null;
    }
  }
}
