package io.docfleet.api.metrics;

import io.docfleet.api.http.Access;
import io.docfleet.api.http.Route;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /metrics}: the coordinator's meters and the fleet's, in the Prometheus text format; a
 * read (a token only with {@code COORDINATOR_READ_AUTH=true}).
 */
public final class MetricsRoutes {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final CoordinatorMetrics metrics;

  public MetricsRoutes(CoordinatorMetrics metrics) {
    this.metrics = metrics;
  }

  public List<Route> routes() {
    return List.of(Route.get("/metrics", Access.READ, this::scrape));
  }

  private void scrape(Context http) {
    http.contentType(CONTENT_TYPE).result(metrics.scrape());
  }
}
