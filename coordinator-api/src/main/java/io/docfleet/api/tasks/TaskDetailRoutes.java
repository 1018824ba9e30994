package io.docfleet.api.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.api.http.Route;
import io.docfleet.api.queues.ItemJson;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskLocation;
import io.docfleet.queue.TaskLocator;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/tasks/{type}/{id}}: one task as the console's task page shows it: its record
 * ({@code {tasks:<type>}:assignments}), where its item is ({@link TaskLocator}: ready, in flight on
 * a worker, delayed, dead, none, or unknown past the scans' bounds, with a note), the item, its
 * dead letter, and a timeline. 404 when neither a record nor an item is found.
 */
public final class TaskDetailRoutes {
  private static final Set<String> NUMBERS =
      Set.of("attempts", "started_at", "completed_at", "ended_at");

  private final ApiContext api;
  private final TaskLocator locator;
  private final TaskAssignments records;

  public TaskDetailRoutes(ApiContext api) {
    this.api = api;
    this.locator = new TaskLocator(api.fleet());
    this.records = new TaskAssignments(api.fleet());
  }

  public List<Route> routes() {
    return List.of(Route.get("/api/v1/tasks/{type}/{id}", Access.READ, this::show));
  }

  private void show(Context http) {
    String type = Fields.taskType(http.pathParam("type"));
    String id = Fields.lookupId("id", http.pathParam("id"));
    Map<String, String> record = records.read(type, id);
    Optional<String> status = Optional.ofNullable(record.get("status"));
    TaskLocation location = locator.locate(type, id, status);
    if (record.isEmpty() && !location.found()) {
      throw ApiException.notFound(
          "id",
          "no task '"
              + id
              + "' of type '"
              + type
              + "': it has no record (records are kept for TASK_ASSIGNMENT_RETENTION after a"
              + " run) and its queue holds no item with that id"
              + (location.note() == null ? "" : " (" + location.note() + ")"));
    }
    ObjectMapper mapper = api.bodies().mapper();
    ObjectNode answer = mapper.createObjectNode();
    answer.put("id", id);
    answer.put("type", type);
    answer.put("status", status.orElse("unknown"));
    answer.set("record", record.isEmpty() ? null : recordJson(mapper, record));
    answer.put("location", location.place().wireName());
    answer.put("worker", location.worker());
    if (location.dueAt() != null) {
      answer.put("dueAt", location.dueAt().toString());
    }
    if (location.note() != null) {
      answer.put("note", location.note());
    }
    ObjectNode task = ItemJson.objectOrNull(mapper, location.raw());
    answer.set("task", task);
    if (task == null && location.raw() != null) {
      answer.put("raw", location.raw());
    }
    answer.set("dead", deadJson(mapper, location.dead()));
    answer.set("timeline", TaskTimeline.of(mapper, record, task, location));
    http.json(answer);
  }

  private static ObjectNode recordJson(ObjectMapper mapper, Map<String, String> record) {
    ObjectNode node = mapper.createObjectNode();
    record.forEach(
        (field, value) -> {
          if (NUMBERS.contains(field) && value.matches("-?\\d{1,18}")) {
            node.put(field, Long.parseLong(value));
          } else {
            node.put(field, value);
          }
        });
    return node;
  }

  private static ObjectNode deadJson(ObjectMapper mapper, DeadLetter letter) {
    if (letter == null) {
      return null;
    }
    ObjectNode node = mapper.createObjectNode();
    node.put("error", letter.error());
    node.put("failedAt", letter.failedAt().toString());
    node.put("worker", letter.worker());
    node.put("attempts", letter.attempts());
    return node;
  }
}
