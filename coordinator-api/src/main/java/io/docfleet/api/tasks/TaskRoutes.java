package io.docfleet.api.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.ApiContext;
import io.docfleet.api.http.Fields;
import io.docfleet.api.http.Route;
import io.docfleet.queue.SubmitResult;
import io.docfleet.queue.TaskSubmitter;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code POST /api/v1/tasks/{type}}: one task or an array of tasks in the documented format
 * (version 1, {@code docs/task-format.md}), all checked before any is queued; the batch is queued
 * in one round trip. A task repeated within its idempotency window is reported as a duplicate.
 */
public final class TaskRoutes {
  private final ApiContext ctx;
  private final TaskBatch batch;
  private final TaskSubmitter submitter;

  public TaskRoutes(ApiContext ctx) {
    this.ctx = ctx;
    this.batch = new TaskBatch(ctx.fleet().codec(), ctx.sources());
    this.submitter = new TaskSubmitter(ctx.fleet(), ctx.config().fleet().queue());
  }

  public List<Route> routes() {
    return List.of(Route.post("/api/v1/tasks/{type}", this::submit));
  }

  private void submit(Context http) {
    String type = Fields.taskType(http.pathParam("type"));
    JsonNode body = ctx.bodies().read(http);
    List<SubmitResult> results = submitter.submitAll(batch.parse(type, body));
    ObjectNode answer = ctx.bodies().mapper().createObjectNode();
    answer.put("type", type);
    answer.put("queued", results.stream().filter(SubmitResult::queued).count());
    answer.put("duplicates", results.stream().filter(SubmitResult::duplicate).count());
    ArrayNode tasks = answer.putArray("tasks");
    results.forEach(r -> tasks.addObject().put("id", r.taskId()).put("queued", r.queued()));
    http.status(202).json(answer);
  }
}
