package io.docfleet.api.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Task;
import io.docfleet.task.TaskCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tasks of one request: an object or an array of at most {@value #MAX_TASKS}, each in the
 * task format, of the path's type (a missing {@code type} is taken from the path). A document id
 * the task names ({@code documentId}, {@code payload.documentId}) must follow the rule every route
 * checks. A bad task is a 400 whose field names it: {@code id}, or {@code [3].payload.documentId}
 * in an array.
 */
final class TaskBatch {
  static final int MAX_TASKS = 1000;
  private static final Pattern FIELD = Pattern.compile("field '([^']+)'");

  private final TaskCodec codec;

  TaskBatch(TaskCodec codec) {
    this.codec = codec;
  }

  List<Task> parse(String type, JsonNode body) {
    if (body.isObject()) {
      return List.of(task(type, body, ""));
    }
    if (!body.isArray() || body.isEmpty()) {
      throw ApiException.badRequest(
          "body", "send one task (an object) or a non-empty array of tasks");
    }
    if (body.size() > MAX_TASKS) {
      throw ApiException.badRequest(
          "body", "at most " + MAX_TASKS + " tasks per request, got " + body.size());
    }
    List<Task> tasks = new ArrayList<>(body.size());
    for (int i = 0; i < body.size(); i++) {
      tasks.add(task(type, body.get(i), "[" + i + "]."));
    }
    return tasks;
  }

  private Task task(String type, JsonNode node, String at) {
    if (!node.isObject()) {
      throw ApiException.badRequest(
          at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "a task must be a JSON object");
    }
    ObjectNode object = ((ObjectNode) node).deepCopy();
    if (!object.has("type")) {
      object.put("type", type);
    }
    Task task;
    try {
      task = codec.decode(object);
    } catch (MalformedTaskException e) {
      Matcher field = FIELD.matcher(e.getMessage());
      throw ApiException.badRequest(at + (field.find() ? field.group(1) : "body"), e.getMessage());
    }
    if (!task.type().equals(type)) {
      throw ApiException.badRequest(
          at + "type", "field 'type' is '" + task.type() + "' but the path says '" + type + "'");
    }
    if (task.version() != Task.FORMAT_VERSION) {
      throw ApiException.badRequest(at + "v", "field 'v' must be " + Task.FORMAT_VERSION);
    }
    Fields.plainText(at + "id", task.id());
    if (task.idempotencyKey() != null) {
      Fields.plainText(at + "idempotencyKey", task.idempotencyKey());
    }
    if (task.documentId() != null) {
      Fields.documentId(at + "documentId", task.documentId());
    }
    JsonNode named = task.payload().get("documentId");
    if (named != null && !named.isNull()) {
      Fields.documentId(at + "payload.documentId", named.isValueNode() ? named.asText() : "");
    }
    return task;
  }
}
