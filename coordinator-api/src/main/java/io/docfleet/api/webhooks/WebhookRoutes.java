package io.docfleet.api.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.Route;
import io.docfleet.webhook.DestinationStats;
import io.docfleet.webhook.WebhookDestinations;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/webhooks/destinations}: the webhook deliveries per destination (the callback
 * URLs' origins), most failed attempts first.
 */
public final class WebhookRoutes {
  private final ApiContext api;
  private final WebhookDestinations destinations;

  public WebhookRoutes(ApiContext api) {
    this.api = api;
    this.destinations = new WebhookDestinations(api.fleet());
  }

  public List<Route> routes() {
    return List.of(Route.get("/api/v1/webhooks/destinations", Access.READ, this::list));
  }

  /** One destination as the API shows it. */
  public record DestinationView(
      String destination,
      long delivered,
      long failed,
      long deadLettered,
      String lastError,
      String lastErrorAt,
      String lastDeliveredAt,
      String lastAttemptAt,
      Long lastLatencyMs) {

    static DestinationView of(DestinationStats stats) {
      return new DestinationView(
          stats.destination(),
          stats.delivered(),
          stats.failed(),
          stats.deadLettered(),
          stats.lastError().orElse(null),
          stats.lastErrorAt().map(Instant::toString).orElse(null),
          stats.lastDeliveredAt().map(Instant::toString).orElse(null),
          stats.lastAttemptAt().map(Instant::toString).orElse(null),
          stats.lastLatencyMs().orElse(null));
    }
  }

  private void list(Context http) {
    List<DestinationView> all = destinations.list().stream().map(DestinationView::of).toList();
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("count", all.size());
    answer.set("destinations", api.bodies().mapper().valueToTree(all));
    http.json(answer);
  }
}
