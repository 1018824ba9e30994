package io.docfleet.task;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.docfleet.config.TaskTypeNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads and writes the task format. Reading is strict about what the format requires (an object
 * with a string {@code id} and {@code type}) and lenient about the rest: unknown fields are kept,
 * timestamps are epoch milliseconds or ISO-8601 strings.
 */
public final class TaskCodec {

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

  /**
   * Reads a queue item. An object is read field by field as it streams past, with no tree of the
   * whole item: this runs once per task on every worker, so it allocates only the values it keeps.
   * Anything else goes through the tree, which says whether it is JSON at all.
   */
  public Task decode(String raw) throws MalformedTaskException {
    try (JsonParser parser = mapper.createParser(raw)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return decode(mapper.readTree(raw));
      }
      Fields fields = new Fields();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        fields.put(name, valueAt(parser));
      }
      return fields.toTask();
    } catch (JsonProcessingException e) {
      throw new MalformedTaskException("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  public Task decode(JsonNode root) throws MalformedTaskException {
    if (root == null || !root.isObject()) {
      throw new MalformedTaskException("a task must be a JSON object");
    }
    Fields fields = new Fields();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      fields.put(field.getKey(), field.getValue());
    }
    return fields.toTask();
  }

  /** The value the parser stands on: scalars directly, objects and arrays as trees. */
  private JsonNode valueAt(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_STRING -> TextNode.valueOf(parser.getText());
      case VALUE_NULL -> NullNode.getInstance();
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> IntNode.valueOf(parser.getIntValue());
            case LONG -> LongNode.valueOf(parser.getLongValue());
            default -> mapper.readTree(parser);
          };
      default -> mapper.readTree(parser);
    };
  }

  public String encode(Task task) {
    return toJson(toNode(task));
  }

  public ObjectNode toNode(Task task) {
    ObjectNode node = mapper.createObjectNode();
    node.put("v", task.version());
    node.put("id", task.id());
    node.put("type", task.type());
    if (task.priority() != Priority.NORMAL) {
      // right after "type", where the scripts that route items to their lane look first
      node.put("priority", task.priority().wireName());
    }
    putIfPresent(node, "group", task.group());
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

  /** The fields of one item as read, in any order; the last of a repeated name wins. */
  private final class Fields {
    private JsonNode id;
    private JsonNode type;
    private JsonNode payload;
    private JsonNode version;
    private JsonNode documentId;
    private JsonNode attempt;
    private JsonNode maxAttempts;
    private JsonNode enqueuedAt;
    private JsonNode notBefore;
    private JsonNode idempotencyKey;
    private JsonNode traceId;
    private JsonNode priority;
    private JsonNode group;
    private ObjectNode extra;

    void put(String name, JsonNode value) {
      switch (name) {
        case "id" -> id = value;
        case "type" -> type = value;
        case "payload" -> payload = value;
        case "v" -> version = value;
        case "documentId" -> documentId = value;
        case "attempt" -> attempt = value;
        case "maxAttempts" -> maxAttempts = value;
        case "enqueuedAt" -> enqueuedAt = value;
        case "notBefore" -> notBefore = value;
        case "idempotencyKey" -> idempotencyKey = value;
        case "traceId" -> traceId = value;
        case "priority" -> priority = value;
        case "group" -> group = value;
        default -> {
          if (extra == null) {
            extra = mapper.createObjectNode();
          }
          extra.set(name, value);
        }
      }
    }

    Task toTask() throws MalformedTaskException {
      String taskId = TaskFields.requiredText(id, "id");
      String taskType = TaskFields.requiredText(type, "type");
      if (!TaskTypeNames.isValid(taskType)) {
        throw new MalformedTaskException("field 'type': " + TaskTypeNames.ACCEPTS);
      }
      if (payload != null && !payload.isNull() && !payload.isObject()) {
        throw new MalformedTaskException("field 'payload' must be a JSON object");
      }
      return new Task(
          taskId,
          taskType,
          payload instanceof ObjectNode object ? object : null,
          TaskFields.intField(version, "v", Task.FORMAT_VERSION),
          TaskFields.optionalText(documentId, "documentId"),
          TaskFields.intField(attempt, "attempt", 0),
          TaskFields.intField(maxAttempts, "maxAttempts", 0),
          TaskFields.instant(enqueuedAt, "enqueuedAt"),
          TaskFields.instant(notBefore, "notBefore"),
          TaskFields.optionalText(idempotencyKey, "idempotencyKey"),
          TaskFields.optionalText(traceId, "traceId"),
          TaskFields.priority(priority),
          TaskFields.group(group),
          extra);
    }
  }
}
