package io.docfleet.worker.webhook;

import io.docfleet.redis.FleetContext;
import io.docfleet.webhook.WebhookSettings;
import io.docfleet.webhook.WebhookTasks;
import io.docfleet.worker.handler.HandlerRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the {@code webhook} task type, which every worker serves unless told otherwise. */
public final class Webhooks {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

  private Webhooks() {}

  /**
   * Registers the handler; when the worker serves the type ({@code served}: WORKER_TASK_TYPES,
   * empty for every type) without {@code WEBHOOK_SECRET} it says once that the deliveries it takes
   * will be dead-lettered.
   */
  public static HandlerRegistry register(
      HandlerRegistry handlers, WebhookSettings settings, FleetContext fleet, List<String> served) {
    boolean serves = served.isEmpty() || served.contains(WebhookTasks.TYPE);
    if (serves && settings.secret().isEmpty()) {
      log.warn(
          "WEBHOOK_SECRET is not set: webhook tasks this worker takes are dead-lettered unsigned"
              + " and undelivered");
    }
    return handlers.register(WebhookTasks.TYPE, new WebhookHandler(settings, fleet));
  }
}
