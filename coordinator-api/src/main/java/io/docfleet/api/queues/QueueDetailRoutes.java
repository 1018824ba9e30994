package io.docfleet.api.queues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.api.http.Route;
import io.docfleet.coordination.FleetWorkers;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.document.Stage;
import io.docfleet.queue.GroupDepths;
import io.docfleet.queue.GroupTurns;
import io.docfleet.queue.ItemPage;
import io.docfleet.queue.QueueItem;
import io.docfleet.queue.QueueItems;
import io.docfleet.queue.QueueRemovals;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.redis.RedisNumbers;
import io.docfleet.task.GroupNames;
import io.docfleet.task.Priority;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One queue of the console: {@code /api/v1/queues/{type}} (its view as the list shows it, its
 * groups, and the live workers that serve it), pages of its ready list (oldest first; a lane's list
 * holds a turn of the groups, {@code {"id":null,"turn":"<lane>"}}, for each grouped task, and
 * {@code ?group=} pages one group's list instead), in-flight lists (with each run's record) and
 * delayed set (soonest first), and an operator's removals: the ready list of a type that is no
 * pipeline stage, or the dead letters of one task. Every route answers 404 for a type the fleet
 * does not know ({@link KnownTypes}).
 */
public final class QueueDetailRoutes {
  private static final String BASE = "/api/v1/queues/{type}";

  private final ApiContext api;
  private final QueueRoutes queues;
  private final KnownTypes known;
  private final QueueItems items;

  public QueueDetailRoutes(ApiContext api, QueueRoutes queues) {
    this.api = api;
    this.queues = queues;
    this.known = new KnownTypes(api.fleet());
    this.items = new QueueItems(api.fleet());
  }

  public List<Route> routes() {
    return List.of(
        Route.get(BASE, Access.READ, this::show),
        Route.get(BASE + "/ready", Access.READ, this::ready),
        Route.get(BASE + "/inflight", Access.READ, this::inFlight),
        Route.get(BASE + "/delayed", Access.READ, this::delayed),
        Route.delete(BASE + "/ready", this::purgeReady),
        Route.delete(BASE + "/dead/{id}", this::deleteDead));
  }

  private ObjectMapper mapper() {
    return api.bodies().mapper();
  }

  private String type(Context http) {
    return known.check(Fields.taskType(http.pathParam("type")));
  }

  private void show(Context http) {
    String type = type(http);
    QueueView view =
        queues.views(List.of(type)).stream()
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no view of " + type));
    ObjectNode answer = mapper().valueToTree(view);
    GroupJson.addAll(answer.putArray("groups"), new GroupDepths(api.fleet()).of(type));
    ArrayNode workers = answer.putArray("workers");
    for (WorkerInfo worker : new FleetWorkers(api.fleet()).list()) {
      if (worker.serves(type)) {
        workers.add(worker.id());
      }
    }
    http.json(answer);
  }

  private void ready(Context http) {
    String type = type(http);
    Priority lane = QueueRoutes.lane(http).orElse(Priority.NORMAL);
    Optional<String> group = Optional.ofNullable(http.queryParam("group"));
    if (group.isPresent() && !GroupNames.isValid(group.get())) {
      throw ApiException.badRequest(
          "group", "query parameter 'group' must be " + GroupNames.ACCEPTS);
    }
    ItemPage page =
        group.isPresent()
            ? items.ready(type, lane, group.get(), offset(http), limit(http))
            : items.ready(type, lane, offset(http), limit(http));
    ObjectNode answer = pageAnswer(type, page);
    answer.put("lane", lane.wireName());
    group.ifPresent(g -> answer.put("group", g));
    ArrayNode entries = answer.putArray("entries");
    for (QueueItem item : page.items()) {
      Optional<Priority> turn = GroupTurns.laneOf(item.raw());
      if (turn.isPresent()) {
        // a place the groups take in turn, not a task: the claim takes the next group's task
        entries.addObject().putNull("id").put("turn", turn.get().wireName());
      } else {
        entry(entries, item.raw());
      }
    }
    http.json(answer);
  }

  private void delayed(Context http) {
    String type = type(http);
    ItemPage page = items.delayed(type, offset(http), limit(http));
    ObjectNode answer = pageAnswer(type, page);
    ArrayNode entries = answer.putArray("entries");
    for (QueueItem item : page.items()) {
      entry(entries, item.raw()).put("dueAt", item.dueAt().toString());
    }
    http.json(answer);
  }

  private void inFlight(Context http) {
    String type = type(http);
    ItemPage page = items.inFlight(type, offset(http), limit(http));
    List<String> ids = new ArrayList<>();
    for (QueueItem item : page.items()) {
      ids.add(idOf(item.raw()));
    }
    List<String> taskIds = ids.stream().filter(id -> id != null).distinct().toList();
    List<Map<String, String>> read = new TaskAssignments(api.fleet()).readAll(type, taskIds);
    Map<String, Map<String, String>> records = new HashMap<>();
    for (int i = 0; i < taskIds.size(); i++) {
      records.put(taskIds.get(i), read.get(i));
    }
    ObjectNode answer = pageAnswer(type, page);
    ArrayNode entries = answer.putArray("entries");
    for (int i = 0; i < page.items().size(); i++) {
      QueueItem item = page.items().get(i);
      Map<String, String> record = records.getOrDefault(ids.get(i), Map.of());
      ObjectNode entry = entry(entries, item.raw());
      entry.put("worker", item.worker());
      entry.put("startedAt", instant(record.get("started_at")));
      if (record.containsKey("attempts")) {
        entry.put("attempts", RedisNumbers.orZero(record.get("attempts")));
      } else {
        entry.putNull("attempts");
      }
    }
    http.json(answer);
  }

  private void purgeReady(Context http) {
    String type = type(http);
    if (Stage.ofTaskType(type).isPresent()) {
      throw new ApiException(
          409,
          "'"
              + type
              + "' is a pipeline stage: purging its ready tasks would leave their documents"
              + " queued with no task; pause the type instead",
          "type");
    }
    ObjectNode answer = mapper().createObjectNode();
    answer.put("type", type);
    answer.put("purged", new QueueRemovals(api.fleet(), type).purgeReady());
    http.json(answer);
  }

  private void deleteDead(Context http) {
    String type = type(http);
    String id = Fields.lookupId("id", http.pathParam("id"));
    long deleted = new QueueRemovals(api.fleet(), type).deleteDead(id);
    if (deleted == 0) {
      throw ApiException.notFound("id", "no dead letter of task '" + id + "' in " + type);
    }
    ObjectNode answer = mapper().createObjectNode();
    answer.put("type", type);
    answer.put("id", id);
    answer.put("deleted", deleted);
    http.json(answer);
  }

  private ObjectNode pageAnswer(String type, ItemPage page) {
    ObjectNode answer = mapper().createObjectNode();
    answer.put("type", type);
    answer.put("total", page.total());
    return answer;
  }

  private ObjectNode entry(ArrayNode entries, String raw) {
    ObjectNode entry = entries.addObject();
    entry.put("id", idOf(raw));
    ItemJson.put(entry, mapper(), raw);
    return entry;
  }

  private String idOf(String raw) {
    ObjectNode task = ItemJson.objectOrNull(mapper(), raw);
    JsonNode id = task == null ? null : task.get("id");
    return id != null && (id.isTextual() || id.isIntegralNumber()) ? id.asText() : null;
  }

  static int offset(Context http) {
    return Fields.queryInt(http.queryParam("offset"), "offset", 0, 0, Integer.MAX_VALUE - 1000);
  }

  static int limit(Context http) {
    return Fields.queryInt(http.queryParam("limit"), "limit", 50, 1, 1000);
  }

  private static String instant(String millis) {
    long at = RedisNumbers.orZero(millis);
    return at > 0 ? Instant.ofEpochMilli(at).toString() : null;
  }
}
