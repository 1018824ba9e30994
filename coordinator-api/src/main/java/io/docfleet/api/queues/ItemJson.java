package io.docfleet.api.queues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A queue item as the API shows it: {@code "task"}, the item's JSON object, or {@code "raw"}, its
 * text, when it is no JSON object (an item pushed by hand).
 */
public final class ItemJson {
  private ItemJson() {}

  /** Puts the item into {@code entry} as {@code task} or {@code raw}. */
  public static void put(ObjectNode entry, ObjectMapper mapper, String raw) {
    JsonNode task = parsedOrNull(mapper, raw);
    if (task != null && task.isObject()) {
      entry.set("task", task);
    } else {
      entry.put("raw", raw);
    }
  }

  /** The item's JSON object, or null when it is none. */
  public static ObjectNode objectOrNull(ObjectMapper mapper, String raw) {
    JsonNode task = parsedOrNull(mapper, raw);
    return task != null && task.isObject() ? (ObjectNode) task : null;
  }

  private static JsonNode parsedOrNull(ObjectMapper mapper, String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return mapper.readTree(raw);
    } catch (Exception e) {
      return null;
    }
  }
}
