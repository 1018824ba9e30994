package io.docfleet.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.task.TaskCodec;
import java.time.Instant;

/**
 * An entry of a dead-letter list: the task (or, when it was not a task, its original bytes), why it
 * cannot run, when, on which worker, and after how many attempts.
 */
public record DeadLetter(
    String taskId, String raw, String error, Instant failedAt, String worker, int attempts) {

  /** The JSON written to {@code {tasks:<type>}:dead}. */
  public String toJson(TaskCodec codec) {
    ObjectNode node = codec.mapper().createObjectNode();
    if (taskId != null) {
      node.put("id", taskId);
    }
    node.put("error", error);
    node.put("failedAt", failedAt.toEpochMilli());
    node.put("worker", worker);
    node.put("attempts", attempts);
    JsonNode task = parsedOrNull(codec, raw);
    if (task != null && task.isObject()) {
      node.set("task", task);
    } else {
      node.put("raw", raw);
    }
    return codec.toJson(node);
  }

  /** Reads an entry back; the task is returned as the exact JSON it was queued with. */
  public static DeadLetter fromJson(TaskCodec codec, String json) {
    JsonNode node = parsedOrNull(codec, json);
    if (node == null || !node.isObject()) {
      return new DeadLetter(null, json, "unreadable dead-letter entry", Instant.EPOCH, "", 0);
    }
    String raw = node.has("task") ? codec.toJson(node.get("task")) : node.path("raw").asText();
    return new DeadLetter(
        node.hasNonNull("id") ? node.get("id").asText() : null,
        raw,
        node.path("error").asText(),
        Instant.ofEpochMilli(node.path("failedAt").asLong()),
        node.path("worker").asText(),
        node.path("attempts").asInt());
  }

  private static JsonNode parsedOrNull(TaskCodec codec, String json) {
    try {
      return codec.mapper().readTree(json);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
