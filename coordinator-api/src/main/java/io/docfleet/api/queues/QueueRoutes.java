package io.docfleet.api.queues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.api.http.Route;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.DeadLetters;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueuePauses;
import io.docfleet.task.Priority;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code /api/v1/queues}: every type's depths and pause state, its dead letters (read, retry,
 * purge), and pause / resume. Only a known type may be paused: a pipeline stage, or a type in
 * {@code queues:index}.
 */
public final class QueueRoutes {
  private static final String BASE = "/api/v1/queues";

  private final ApiContext api;
  private final QueueInspector inspector;
  private final QueuePauses pauses;
  private final KnownTypes known;

  public QueueRoutes(ApiContext api) {
    this.api = api;
    this.inspector = new QueueInspector(api.fleet());
    this.pauses = new QueuePauses(api.fleet());
    this.known = new KnownTypes(api.fleet());
  }

  public List<Route> routes() {
    return List.of(
        Route.get(BASE, Access.READ, this::list),
        Route.get(BASE + "/{type}/dead", Access.READ, this::dead),
        Route.post(BASE + "/{type}/dead/retry", this::retryDead),
        Route.delete(BASE + "/{type}/dead", this::purgeDead),
        Route.post(BASE + "/{type}/pause", this::pause),
        Route.post(BASE + "/{type}/resume", this::resume));
  }

  /** Every known type's view, by type. */
  public List<QueueView> views() {
    return views(inspector.types());
  }

  /** The views of {@code types}, by type. */
  public List<QueueView> views(java.util.Collection<String> named) {
    TreeSet<String> types = new TreeSet<>(named);
    Map<String, Instant> paused = pauses.paused(types);
    Instant now = api.fleet().clock().instant();
    List<QueueView> views = new ArrayList<>(types.size());
    for (String type : types) {
      views.add(
          QueueView.of(
              inspector.stats(type),
              inspector.oldestReadyEnqueuedAt(type),
              Optional.ofNullable(paused.get(type)),
              pauses.pausedLanes(type),
              now,
              api.fleet().redis().getSet(api.fleet().keys().groups().known(type)).size()));
    }
    return views;
  }

  private void list(Context http) {
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.set("queues", api.bodies().mapper().valueToTree(views()));
    http.json(answer);
  }

  private void dead(Context http) {
    String type = Fields.taskType(http.pathParam("type"));
    int offset =
        Fields.queryInt(http.queryParam("offset"), "offset", 0, 0, Integer.MAX_VALUE - 1000);
    int limit = Fields.queryInt(http.queryParam("limit"), "limit", 50, 1, 1000);
    DeadLetters dead = new DeadLetters(api.fleet(), type);
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("type", type);
    answer.put("total", dead.size());
    ArrayNode entries = answer.putArray("entries");
    for (DeadLetter letter : dead.list(offset, limit)) {
      ObjectNode entry = entries.addObject();
      entry.put("id", letter.taskId());
      entry.put("error", letter.error());
      entry.put("failedAt", letter.failedAt().toString());
      entry.put("worker", letter.worker());
      entry.put("attempts", letter.attempts());
      ItemJson.put(entry, api.bodies().mapper(), letter.raw());
    }
    http.json(answer);
  }

  private void retryDead(Context http) {
    String type = Fields.taskType(http.pathParam("type"));
    JsonNode body = api.bodies().readOptional(http);
    List<String> ids = Fields.optionalTexts(body, "ids");
    int limit = Fields.optionalInt(body, "limit", 1000, 1, 100_000);
    DeadLetters.RetryResult result = new DeadLetters(api.fleet(), type).retry(ids, limit);
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("type", type);
    answer.put("retried", result.retried());
    answer.put("skipped", result.skipped());
    http.json(answer);
  }

  private void purgeDead(Context http) {
    String type = Fields.taskType(http.pathParam("type"));
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("type", type);
    answer.put("purged", new DeadLetters(api.fleet(), type).purge());
    http.json(answer);
  }

  private void pause(Context http) {
    String type = known.check(Fields.taskType(http.pathParam("type")));
    Optional<Priority> lane = lane(http);
    boolean changed = lane.map(l -> pauses.pause(type, l)).orElseGet(() -> pauses.pause(type));
    // A pipeline stage may be paused before its first task or worker; GET lists it from then on.
    api.fleet().redis().getSet(api.fleet().keys().queuesIndex()).add(type);
    http.json(pauseAnswer(type, lane, true, changed));
  }

  /** The {@code lane} query parameter (high, normal, low), empty when absent; else 400. */
  static Optional<Priority> lane(Context http) {
    String lane = http.queryParam("lane");
    if (lane == null) {
      return Optional.empty();
    }
    return Optional.of(
        Priority.fromWire(lane)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "lane", "lane must be " + Priority.ACCEPTS + ", got '" + lane + "'")));
  }

  private void resume(Context http) {
    String type = Fields.taskType(http.pathParam("type"));
    Optional<Priority> lane = lane(http);
    boolean changed = lane.map(l -> pauses.resume(type, l)).orElseGet(() -> pauses.resume(type));
    http.json(pauseAnswer(type, lane, false, changed));
  }

  private ObjectNode pauseAnswer(
      String type, Optional<Priority> lane, boolean paused, boolean changed) {
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("type", type);
    lane.ifPresent(l -> answer.put("lane", l.wireName()));
    answer.put("paused", paused);
    answer.put("changed", changed);
    return answer;
  }
}
