package io.docfleet.api.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.queue.TaskLocation;
import io.docfleet.redis.RedisNumbers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What is known of a task's life, oldest first: when it was queued (the item's {@code enqueuedAt}),
 * when its latest attempt started and how it ended (its record: a task's record keeps its latest
 * attempt only), when a retry is due, when it was dead-lettered. Each event has {@code at}
 * (ISO-8601), {@code event} and {@code detail} (null when there is nothing to add).
 */
final class TaskTimeline {
  private record Event(Instant at, String event, String detail) {}

  private final List<Event> events = new ArrayList<>();

  static ArrayNode of(
      ObjectMapper mapper, Map<String, String> record, ObjectNode task, TaskLocation location) {
    TaskTimeline timeline = new TaskTimeline();
    if (task != null && task.hasNonNull("enqueuedAt")) {
      timeline.add(instantOf(task.get("enqueuedAt").asText()), "enqueued", null);
    }
    String status = record.getOrDefault("status", "");
    String worker = record.get("worker");
    timeline.add(
        millis(record.get("started_at")),
        "started",
        "attempt "
            + record.getOrDefault("attempts", "?")
            + (worker == null ? "" : " on " + worker));
    timeline.add(millis(record.get("completed_at")), "completed", null);
    Instant ended = millis(record.get("ended_at"));
    String error = record.get("last_error");
    switch (status) {
      case "retrying" -> {
        timeline.add(ended, "failed", error);
        timeline.add(
            ended,
            "retry scheduled",
            location.dueAt() == null ? null : "due at " + location.dueAt());
      }
      case "waiting" ->
          timeline.add(
              ended,
              "waiting",
              location.dueAt() == null ? error : "runs again at " + location.dueAt());
      case "dead" -> timeline.add(ended, "failed", error);
      default -> {}
    }
    if (location.dead() != null) {
      timeline.add(location.dead().failedAt(), "dead-lettered", location.dead().error());
    }
    return timeline.toJson(mapper);
  }

  private void add(Instant at, String event, String detail) {
    if (at != null) {
      events.add(new Event(at, event, detail));
    }
  }

  private ArrayNode toJson(ObjectMapper mapper) {
    ArrayNode array = mapper.createArrayNode();
    events.stream()
        .sorted(Comparator.comparing(Event::at))
        .forEach(
            e ->
                array
                    .addObject()
                    .put("at", e.at().toString())
                    .put("event", e.event())
                    .put("detail", e.detail()));
    return array;
  }

  private static Instant millis(String value) {
    long at = RedisNumbers.orZero(value);
    return at > 0 ? Instant.ofEpochMilli(at) : null;
  }

  /** An item's time: epoch ms or ISO-8601, as the task format allows; null when neither. */
  private static Instant instantOf(String value) {
    try {
      return Instant.ofEpochMilli(Long.parseLong(value));
    } catch (NumberFormatException e) {
      try {
        return Instant.parse(value);
      } catch (RuntimeException notIso) {
        return null;
      }
    }
  }
}
