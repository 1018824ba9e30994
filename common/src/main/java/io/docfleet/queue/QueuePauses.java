package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import io.docfleet.task.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;

/**
 * Pauses and resumes task types, or one priority lane of a type. A paused type keeps its key {@code
 * {tasks:<type>}:paused} (holding the epoch ms it was paused at; a lane {@code
 * {tasks:<type>}:paused:<lane>}); {@code claim.lua} claims nothing of the type (or from the lane)
 * while it exists, and tasks keep queuing. Pausing twice keeps the first time; resuming a running
 * type changes nothing.
 */
public final class QueuePauses {
  private final FleetContext fleet;

  public QueuePauses(FleetContext fleet) {
    this.fleet = fleet;
  }

  /** Pauses {@code type}; true when it was running until now. */
  public boolean pause(String type) {
    return fleet
        .redis()
        .<String>getBucket(fleet.keys().paused(type))
        .setIfAbsent(Long.toString(fleet.clock().millis()));
  }

  /** Resumes {@code type}; true when it was paused until now. */
  public boolean resume(String type) {
    return fleet.redis().getBucket(fleet.keys().paused(type)).delete();
  }

  /** Pauses one lane of {@code type}; true when it was running until now. */
  public boolean pause(String type, Priority lane) {
    return fleet
        .redis()
        .<String>getBucket(fleet.keys().runs().lanePaused(type, lane))
        .setIfAbsent(Long.toString(fleet.clock().millis()));
  }

  /** Resumes one lane of {@code type}; true when it was paused until now. */
  public boolean resume(String type, Priority lane) {
    return fleet.redis().getBucket(fleet.keys().runs().lanePaused(type, lane)).delete();
  }

  /** The lanes of {@code type} paused one by one (the type's own pause aside), highest first. */
  public List<Priority> pausedLanes(String type) {
    List<Priority> paused = new ArrayList<>();
    for (Priority lane : Priority.values()) {
      if (fleet.redis().getBucket(fleet.keys().runs().lanePaused(type, lane)).isExists()) {
        paused.add(lane);
      }
    }
    return paused;
  }

  public boolean isPaused(String type) {
    return pausedSince(type).isPresent();
  }

  /** When {@code type} was paused; empty while it runs. */
  public Optional<Instant> pausedSince(String type) {
    return Optional.ofNullable(fleet.redis().<String>getBucket(fleet.keys().paused(type)).get())
        .map(QueuePauses::instant);
  }

  /** The paused types among {@code types}, with the time each was paused, in one round trip. */
  public Map<String, Instant> paused(Collection<String> types) {
    List<String> ordered = new ArrayList<>(types);
    RBatch batch = fleet.redis().createBatch();
    List<RFuture<String>> reads = new ArrayList<>();
    for (String type : ordered) {
      reads.add(batch.<String>getBucket(fleet.keys().paused(type)).getAsync());
    }
    batch.execute();
    Map<String, Instant> paused = new LinkedHashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      String since = reads.get(i).toCompletableFuture().join();
      if (since != null) {
        paused.put(ordered.get(i), instant(since));
      }
    }
    return paused;
  }

  /** Every paused type the fleet knows of ({@code queues:index}). */
  public Map<String, Instant> allPaused() {
    return paused(new QueueInspector(fleet).types());
  }

  private static Instant instant(String millis) {
    try {
      return Instant.ofEpochMilli(Long.parseLong(millis));
    } catch (NumberFormatException e) {
      // set by hand (redis-cli SET ... 1): paused, since an unknown time
      return Instant.EPOCH;
    }
  }
}
