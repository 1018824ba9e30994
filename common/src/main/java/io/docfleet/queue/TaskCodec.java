package io.docfleet.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.config.TaskTypeNames;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the task format. Reading is strict about what the format requires (an object
 * with a string {@code id} and {@code type}) and lenient about the rest: unknown fields are kept,
 * timestamps are epoch milliseconds or ISO-8601 strings.
 */
public final class TaskCodec {
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "type",
          "payload",
          "v",
          "documentId",
          "attempt",
          "maxAttempts",
          "enqueuedAt",
          "notBefore",
          "idempotencyKey",
          "traceId");

  private final ObjectMapper mapper;

  public TaskCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public TaskCodec() {
    this(new ObjectMapper());
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public Task decode(String raw) throws MalformedTaskException {
    JsonNode root;
    try {
      root = mapper.readTree(raw);
    } catch (JsonProcessingException e) {
      throw new MalformedTaskException("not valid JSON: " + e.getOriginalMessage());
    }
    return decode(root);
  }

  public Task decode(JsonNode root) throws MalformedTaskException {
    if (root == null || !root.isObject()) {
      throw new MalformedTaskException("a task must be a JSON object");
    }
    String id = requiredText(root, "id");
    String type = requiredText(root, "type");
    if (!TaskTypeNames.isValid(type)) {
      throw new MalformedTaskException("field 'type': " + TaskTypeNames.ACCEPTS);
    }
    JsonNode payload = root.get("payload");
    if (payload != null && !payload.isNull() && !payload.isObject()) {
      throw new MalformedTaskException("field 'payload' must be a JSON object");
    }
    ObjectNode extra = mapper.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!KNOWN.contains(field.getKey())) {
        extra.set(field.getKey(), field.getValue());
      }
    }
    return new Task(
        id,
        type,
        payload instanceof ObjectNode object ? object : null,
        intField(root, "v", Task.FORMAT_VERSION),
        optionalText(root, "documentId"),
        intField(root, "attempt", 0),
        intField(root, "maxAttempts", 0),
        instant(root, "enqueuedAt"),
        instant(root, "notBefore"),
        optionalText(root, "idempotencyKey"),
        optionalText(root, "traceId"),
        extra);
  }

  public String encode(Task task) {
    return toJson(toNode(task));
  }

  public ObjectNode toNode(Task task) {
    ObjectNode node = mapper.createObjectNode();
    node.put("v", task.version());
    node.put("id", task.id());
    node.put("type", task.type());
    node.set("payload", task.payload());
    putIfPresent(node, "documentId", task.documentId());
    if (task.attempt() > 0) {
      node.put("attempt", task.attempt());
    }
    if (task.maxAttempts() > 0) {
      node.put("maxAttempts", task.maxAttempts());
    }
    if (task.enqueuedAt() != null) {
      node.put("enqueuedAt", task.enqueuedAt().toEpochMilli());
    }
    if (task.notBefore() != null) {
      node.put("notBefore", task.notBefore().toEpochMilli());
    }
    putIfPresent(node, "idempotencyKey", task.idempotencyKey());
    putIfPresent(node, "traceId", task.traceId());
    node.setAll(task.extra());
    return node;
  }

  public String toJson(JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static String requiredText(JsonNode root, String field) throws MalformedTaskException {
    JsonNode value = root.get(field);
    if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
      throw new MalformedTaskException("field '" + field + "' is required and must be a string");
    }
    String text = value.asText();
    if (text.isBlank()) {
      throw new MalformedTaskException("field '" + field + "' must not be empty");
    }
    return text;
  }

  private static String optionalText(JsonNode root, String field) throws MalformedTaskException {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() && !value.isIntegralNumber()) {
      throw new MalformedTaskException("field '" + field + "' must be a string");
    }
    return value.asText();
  }

  private static int intField(JsonNode root, String field, int defaultValue)
      throws MalformedTaskException {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return defaultValue;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
      throw new MalformedTaskException("field '" + field + "' must be a whole number >= 0");
    }
    return value.intValue();
  }

  private static Instant instant(JsonNode root, String field) throws MalformedTaskException {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return Instant.ofEpochMilli(value.longValue());
    }
    if (value.isTextual()) {
      try {
        return Instant.parse(value.asText());
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new MalformedTaskException(
        "field '" + field + "' must be epoch milliseconds or an ISO-8601 instant");
  }
}
