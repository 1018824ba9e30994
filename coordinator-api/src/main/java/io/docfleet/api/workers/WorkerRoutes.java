package io.docfleet.api.workers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.api.http.Route;
import io.docfleet.coordination.FleetWorkers;
import io.docfleet.coordination.WorkerInfo;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/workers}: every registered worker, lapsed ones as {@code lost}; {@code GET
 * /api/v1/workers/{id}}: one, with the runs it holds.
 */
public final class WorkerRoutes {
  private final ApiContext api;
  private final FleetWorkers workers;
  private final WorkerRuns runs;

  public WorkerRoutes(ApiContext api) {
    this.api = api;
    this.workers = new FleetWorkers(api.fleet());
    this.runs = new WorkerRuns(api.fleet());
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/workers", Access.READ, this::list),
        Route.get("/api/v1/workers/{id}", Access.READ, this::show));
  }

  /** One worker as the API shows it. */
  public record WorkerView(
      String id,
      String host,
      long pid,
      List<String> capabilities,
      String concurrency,
      String status,
      String startedAt,
      String lastHeartbeat,
      Long heartbeatAgeMs,
      long inFlight,
      long completed,
      long failed,
      Integer httpPort,
      int protocol,
      String version) {

    public static WorkerView of(WorkerInfo info) {
      return new WorkerView(
          info.id(),
          info.host(),
          info.pid(),
          info.capabilities(),
          info.concurrency(),
          info.status(),
          info.startedAt().map(Instant::toString).orElse(null),
          info.lastHeartbeat().map(Instant::toString).orElse(null),
          info.heartbeatAge().map(Duration::toMillis).orElse(null),
          info.inFlight(),
          info.completed(),
          info.failed(),
          info.httpPort().isPresent() ? info.httpPort().getAsInt() : null,
          info.protocol(),
          info.version().isEmpty() ? null : info.version());
    }
  }

  private void list(Context http) {
    List<WorkerInfo> all = workers.list();
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("count", all.size());
    answer.put("lost", all.stream().filter(WorkerInfo::isLost).count());
    answer.set(
        "workers", api.bodies().mapper().valueToTree(all.stream().map(WorkerView::of).toList()));
    http.json(answer);
  }

  /**
   * One worker as the list shows it, but {@code inFlight} lists its runs ({@link WorkerRuns}) and
   * {@code inFlightCount} is the count its last heartbeat reported.
   */
  private void show(Context http) {
    String id = Fields.lookupId("id", http.pathParam("id"));
    WorkerInfo info =
        workers
            .find(id)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "id",
                        "no worker '"
                            + id
                            + "': it is not registered (GET /api/v1/workers lists those that"
                            + " are)"));
    ObjectNode answer = api.bodies().mapper().valueToTree(WorkerView.of(info));
    answer.put("inFlightCount", info.inFlight());
    answer.set("inFlight", api.bodies().mapper().valueToTree(runs.of(id, info.capabilities())));
    http.json(answer);
  }
}
