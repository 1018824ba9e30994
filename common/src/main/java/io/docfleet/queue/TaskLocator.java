package io.docfleet.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.queue.TaskLocation.Place;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.client.protocol.ScoredEntry;

/**
 * Finds the item of one task of a type: in a worker's in-flight list, the delayed set, the
 * dead-letter list or the ready list, by the id the item holds. The place its record's status
 * points to is searched first. Each scan is bounded ({@link #SCAN_LIMIT} items a list or set, read
 * {@value #CHUNK} at a time): a task not found within the bounds of a longer list is {@code
 * unknown}, with a note saying so, never a full read of a queue of millions. Changes nothing.
 */
public final class TaskLocator {
  /** The most items read from one list or set. */
  public static final int SCAN_LIMIT = 10_000;

  private static final int CHUNK = 1_000;

  private final FleetContext fleet;
  private final QueueItems items;

  public TaskLocator(FleetContext fleet) {
    this.fleet = fleet;
    this.items = new QueueItems(fleet);
  }

  /** Where the item of task {@code id} of {@code type} is; {@code status} is its record's. */
  public TaskLocation locate(String type, String id, Optional<String> status) {
    List<String> order =
        switch (status.orElse("")) {
          case "running" -> List.of("inflight", "delayed", "dead", "ready");
          case "retrying", "waiting" -> List.of("delayed", "inflight", "dead", "ready");
          case "dead" -> List.of("dead", "inflight", "delayed", "ready");
          default -> List.of("ready", "inflight", "delayed", "dead");
        };
    List<String> cutShort = new ArrayList<>();
    for (String place : order) {
      Optional<TaskLocation> found =
          switch (place) {
            case "inflight" -> inFlight(type, id, cutShort);
            case "delayed" -> delayed(type, id, cutShort);
            case "dead" -> dead(type, id, cutShort);
            default -> ready(type, id, cutShort);
          };
      if (found.isPresent()) {
        return found.get();
      }
    }
    if (cutShort.isEmpty()) {
      return TaskLocation.nowhere(Place.NONE, null);
    }
    return TaskLocation.nowhere(
        Place.UNKNOWN,
        "not among the first "
            + SCAN_LIMIT
            + " items of "
            + String.join(", ", cutShort)
            + ": the item may be further on");
  }

  /** The task's item in a lane's ready list or in a group's list of a lane. */
  private Optional<TaskLocation> ready(String type, String id, List<String> cutShort) {
    Set<String> groups = fleet.redis().<String>getSet(fleet.keys().groups().known(type)).readAll();
    for (Priority lane : Priority.values()) {
      List<String> lists = new ArrayList<>();
      lists.add(fleet.keys().runs().lane(type, lane));
      groups.forEach(group -> lists.add(fleet.keys().groups().ready(type, group, lane)));
      for (String list : lists) {
        Optional<TaskLocation> found = inLane(list, id, cutShort);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** The item of task {@code id} in one lane's ready list, scanned from its oldest end. */
  private Optional<TaskLocation> inLane(String key, String id, List<String> cutShort) {
    var list = fleet.redis().<String>getList(key);
    for (int from = 0; from < SCAN_LIMIT; from += CHUNK) {
      List<String> chunk = list.range(-(from + CHUNK), -(from + 1));
      for (int i = chunk.size() - 1; i >= 0; i--) {
        if (id.equals(idOf(chunk.get(i)))) {
          return Optional.of(new TaskLocation(Place.READY, chunk.get(i), null, null, null, null));
        }
      }
      if (chunk.size() < CHUNK) {
        return Optional.empty();
      }
    }
    if (list.size() > SCAN_LIMIT) {
      cutShort.add("the ready list " + key);
    }
    return Optional.empty();
  }

  private Optional<TaskLocation> dead(String type, String id, List<String> cutShort) {
    var list = fleet.redis().<String>getList(fleet.keys().dead(type));
    for (int from = 0; from < SCAN_LIMIT; from += CHUNK) {
      List<String> chunk = list.range(from, from + CHUNK - 1);
      for (String entry : chunk) {
        DeadLetter letter = DeadLetter.fromJson(fleet.codec(), entry);
        if (id.equals(letter.taskId())) {
          return Optional.of(new TaskLocation(Place.DEAD, letter.raw(), null, null, letter, null));
        }
      }
      if (chunk.size() < CHUNK) {
        return Optional.empty();
      }
    }
    if (list.size() > SCAN_LIMIT) {
      cutShort.add("the dead-letter list");
    }
    return Optional.empty();
  }

  private Optional<TaskLocation> delayed(String type, String id, List<String> cutShort) {
    var set = fleet.redis().<String>getScoredSortedSet(fleet.keys().delayed(type));
    for (int from = 0; from < SCAN_LIMIT; from += CHUNK) {
      var chunk = set.entryRange(from, from + CHUNK - 1);
      for (ScoredEntry<String> entry : chunk) {
        if (id.equals(idOf(entry.getValue()))) {
          Instant due = Instant.ofEpochMilli(entry.getScore().longValue());
          return Optional.of(
              new TaskLocation(Place.DELAYED, entry.getValue(), null, due, null, null));
        }
      }
      if (chunk.size() < CHUNK) {
        return Optional.empty();
      }
    }
    if (set.size() > SCAN_LIMIT) {
      cutShort.add("the delayed set");
    }
    return Optional.empty();
  }

  private Optional<TaskLocation> inFlight(String type, String id, List<String> cutShort) {
    List<String> workers = items.workers();
    RBatch batch = fleet.redis().createBatch();
    List<RFuture<List<String>>> lists = new ArrayList<>(workers.size());
    List<RFuture<Integer>> sizes = new ArrayList<>(workers.size());
    for (String worker : workers) {
      lists.add(
          batch.<String>getList(fleet.keys().inFlight(type, worker)).rangeAsync(0, SCAN_LIMIT - 1));
      sizes.add(batch.getList(fleet.keys().inFlight(type, worker)).sizeAsync());
    }
    if (workers.isEmpty()) {
      return Optional.empty();
    }
    batch.execute();
    for (int w = 0; w < workers.size(); w++) {
      for (String item : lists.get(w).toCompletableFuture().join()) {
        if (id.equals(idOf(item))) {
          return Optional.of(
              new TaskLocation(Place.INFLIGHT, item, workers.get(w), null, null, null));
        }
      }
      if (sizes.get(w).toCompletableFuture().join() > SCAN_LIMIT) {
        cutShort.add("the in-flight list of " + workers.get(w));
      }
    }
    return Optional.empty();
  }

  /** The task id an item holds (a string, or a whole number as the claim script reads it). */
  String idOf(String item) {
    try {
      JsonNode id = fleet.codec().mapper().readTree(item).get("id");
      if (id == null) {
        return null;
      }
      return id.isTextual() ? id.asText() : id.isIntegralNumber() ? id.asText() : null;
    } catch (Exception e) {
      return null;
    }
  }
}
