package io.docfleet.api.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.auth.Caller;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.documents.DocumentRoutes;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.api.http.Route;
import io.docfleet.document.Stage;
import io.docfleet.queue.SubmitResult;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.task.Task;
import io.docfleet.webhook.WebhookTasks;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/tasks/{type}}: one task or an array of tasks in the documented format
 * (version 1, {@code docs/task-format.md}), all checked before any is queued; the batch is queued
 * in one round trip. A task repeated within its idempotency window is reported as a duplicate.
 *
 * <p>A task may name a {@code group} to share its lane with other groups fairly; with a named token
 * ({@code COORDINATOR_API_TOKENS=name:token}) every task goes into the token's group.
 *
 * <p>The pipeline's stage types ({@code ocr}, {@code entities}, {@code structured}) are refused
 * here: a stage task would register or rewrite a document past the checks of {@code POST
 * /api/v1/documents} (a new id, a readable source), so documents enter there and run again through
 * its {@code reprocess} route. The {@code webhook} type is refused too: the fleet signs what such a
 * task carries, so only a document's end queues one, never a caller.
 */
public final class TaskRoutes {
  private final ApiContext api;
  private final TaskBatch batch;
  private final TaskSubmitter submitter;

  public TaskRoutes(ApiContext api) {
    this.api = api;
    this.batch = new TaskBatch(api.fleet().codec());
    this.submitter = new TaskSubmitter(api.fleet(), api.queue());
  }

  public List<Route> routes() {
    return List.of(Route.post("/api/v1/tasks/{type}", this::submit));
  }

  private void submit(Context http) {
    String type = Fields.taskType(http.pathParam("type"));
    if (Stage.ofTaskType(type).isPresent()) {
      throw ApiException.badRequest(
          "type",
          "'"
              + type
              + "' is a pipeline stage: submit a document with POST "
              + DocumentRoutes.BASE
              + ", or run a finished one again with POST "
              + DocumentRoutes.BASE
              + "/{id}/reprocess");
    }
    if (type.equals(WebhookTasks.TYPE)) {
      throw ApiException.badRequest(
          "type",
          "'webhook' tasks are queued by the fleet when a document ends (the fleet signs them):"
              + " name a callbackUrl when you submit the document with POST "
              + DocumentRoutes.BASE);
    }
    JsonNode body = api.bodies().read(http);
    List<SubmitResult> results =
        submitter.submitAll(inCallersGroup(http, batch.parse(type, body), body.isArray()));
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("type", type);
    answer.put("queued", results.stream().filter(SubmitResult::queued).count());
    answer.put("duplicates", results.stream().filter(SubmitResult::duplicate).count());
    ArrayNode tasks = answer.putArray("tasks");
    results.forEach(r -> tasks.addObject().put("id", r.taskId()).put("queued", r.queued()));
    http.status(202).json(answer);
  }

  /**
   * The tasks, each in the group of the caller's token when it has a name (a task that names
   * another group is refused with 403, naming it); else as they say.
   */
  private static List<Task> inCallersGroup(Context http, List<Task> tasks, boolean array) {
    Caller caller = Caller.of(http);
    List<Task> placed = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      Task task = tasks.get(i);
      String field = array ? "[" + i + "].group" : "group";
      placed.add(
          task.withGroup(caller.groupFor(Optional.ofNullable(task.group()), field).orElse(null)));
    }
    return placed;
  }
}
