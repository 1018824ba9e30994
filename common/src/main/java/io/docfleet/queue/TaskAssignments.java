package io.docfleet.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.redis.FleetContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.client.codec.StringCodec;

/**
 * Reads the task records: which worker ran a task, how many attempts it took, when it started and
 * ended, its status and last error ({@link TaskRecord}). Each queue keeps its tasks' records in one
 * hash, {@code {tasks:<type>}:assignments}, written by the scripts that begin and end runs; a
 * periodic pass removes those whose retention ran out. A record of the older form (a hash of its
 * own, {@code task:assignments:<taskId>}, that {@code migrate-keys} could not place in a queue) is
 * read where the queue has none, for one release.
 *
 * <p>A record reads as a map of its stored fields, every value as text; empty when there is none.
 */
public final class TaskAssignments {
  private static final int PAGE = 1_000;

  private final FleetContext fleet;

  public TaskAssignments(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** The record of a task of {@code type}, in one round trip. */
  public Map<String, String> read(String type, String taskId) {
    RBatch batch = fleet.redis().createBatch();
    RFuture<String> current =
        batch
            .<String, String>getMap(fleet.keys().runs().assignments(type), StringCodec.INSTANCE)
            .getAsync(taskId);
    RFuture<Map<String, String>> legacy = legacyRead(batch, taskId);
    batch.execute();
    return either(current.toCompletableFuture().join(), legacy);
  }

  /**
   * The record of a task whose type the caller does not know: looked up in the queue of every type
   * in {@code queues:index}, in one round trip; the first found wins.
   */
  public Map<String, String> read(String taskId) {
    Set<String> types = fleet.redis().<String>getSet(fleet.keys().queuesIndex()).readAll();
    RBatch batch = fleet.redis().createBatch();
    List<RFuture<String>> found = new ArrayList<>(types.size());
    for (String type : types) {
      found.add(
          batch
              .<String, String>getMap(fleet.keys().runs().assignments(type), StringCodec.INSTANCE)
              .getAsync(taskId));
    }
    RFuture<Map<String, String>> legacy = legacyRead(batch, taskId);
    batch.execute();
    for (RFuture<String> record : found) {
      String json = record.toCompletableFuture().join();
      if (json != null) {
        return parse(json);
      }
    }
    return legacy.toCompletableFuture().join();
  }

  /**
   * The records of many tasks of one type, in the order of {@code taskIds} (an empty map for a task
   * without one), one HMGET per thousand tasks; no fallback to the older form.
   */
  public List<Map<String, String>> readAll(String type, List<String> taskIds) {
    List<Map<String, String>> records = new ArrayList<>(taskIds.size());
    for (int from = 0; from < taskIds.size(); from += PAGE) {
      List<String> page = taskIds.subList(from, Math.min(taskIds.size(), from + PAGE));
      Map<String, String> found =
          fleet
              .redis()
              .<String, String>getMap(fleet.keys().runs().assignments(type), StringCodec.INSTANCE)
              .getAll(new LinkedHashSet<>(page));
      for (String id : page) {
        String json = found.get(id);
        records.add(json == null ? Map.of() : parse(json));
      }
    }
    return records;
  }

  /** A stored record's fields, every value as text; empty for what is no JSON object. */
  public Map<String, String> parse(String json) {
    JsonNode root;
    try {
      root = fleet.codec().mapper().readTree(json);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
    if (root == null || !root.isObject()) {
      return Map.of();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    root.fields()
        .forEachRemaining(
            field ->
                fields.put(
                    field.getKey(),
                    field.getValue().isValueNode()
                        ? field.getValue().asText()
                        : field.getValue().toString()));
    return fields;
  }

  private RFuture<Map<String, String>> legacyRead(RBatch batch, String taskId) {
    return batch
        .<String, String>getMap(fleet.keys().legacy().assignment(taskId), StringCodec.INSTANCE)
        .readAllMapAsync();
  }

  private Map<String, String> either(String json, RFuture<Map<String, String>> legacy) {
    return json != null ? parse(json) : legacy.toCompletableFuture().join();
  }
}
