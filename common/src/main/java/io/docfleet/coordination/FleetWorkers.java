package io.docfleet.coordination;

import io.docfleet.redis.FleetContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;

/**
 * The fleet's registered workers as the coordinator lists them: every id in {@code workers:index}
 * with its {@code workers:<id>} hash, read in one round trip. An id whose hash expired (its
 * heartbeat lapsed) is listed as {@link WorkerInfo#LOST} until the reaper forgets it. Changes
 * nothing.
 */
public final class FleetWorkers {
  private final FleetContext fleet;

  public FleetWorkers(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** Every registered worker, by id. */
  public List<WorkerInfo> list() {
    List<String> ids =
        new ArrayList<>(
            new TreeSet<>(fleet.redis().<String>getSet(fleet.keys().workersIndex()).readAll()));
    RBatch batch = fleet.redis().createBatch();
    List<RFuture<Map<String, String>>> reads = new ArrayList<>(ids.size());
    for (String id : ids) {
      reads.add(batch.<String, String>getMap(fleet.keys().worker(id)).readAllMapAsync());
    }
    if (!ids.isEmpty()) {
      batch.execute();
    }
    List<WorkerInfo> workers = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      Map<String, String> fields = reads.get(i).toCompletableFuture().join();
      workers.add(WorkerInfo.from(ids.get(i), fields, fleet.clock().instant()));
    }
    return workers;
  }

  /**
   * One worker, read in one round trip: present while its id is in {@code workers:index} or its
   * registration exists (lost when only the id is left).
   */
  public Optional<WorkerInfo> find(String id) {
    RBatch batch = fleet.redis().createBatch();
    RFuture<Boolean> indexed = batch.<String>getSet(fleet.keys().workersIndex()).containsAsync(id);
    RFuture<Map<String, String>> fields =
        batch.<String, String>getMap(fleet.keys().worker(id)).readAllMapAsync();
    batch.execute();
    Map<String, String> registration = fields.toCompletableFuture().join();
    if (registration.isEmpty() && !indexed.toCompletableFuture().join()) {
      return Optional.empty();
    }
    return Optional.of(WorkerInfo.from(id, registration, fleet.clock().instant()));
  }
}
