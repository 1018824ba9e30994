package io.docfleet.worker.webhook;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.redis.FleetContext;
import io.docfleet.webhook.WebhookSettings;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.runtime.Worker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A started worker that delivers webhooks to receivers on 127.0.0.1, as the webhook tests need it:
 * signed with {@code secret}, retried after 100 to 200 ms, delayed tasks promoted every 50 ms.
 */
final class WebhookWorkers {
  private WebhookWorkers() {}

  /**
   * Serves {@code types} (webhook among them) under {@code fleet}'s prefix; {@code more} adds to
   * the environment.
   */
  static Worker started(
      FleetContext fleet, String id, String secret, List<String> types, Map<String, String> more) {
    Map<String, String> env = new HashMap<>();
    env.put("DOCFLEET_KEY_PREFIX", fleet.keys().prefix());
    env.put("WORKER_ID", id);
    env.put("WORKER_TASK_TYPES", String.join(",", types));
    env.put("RETRY_BACKOFF_BASE", "100ms");
    env.put("RETRY_BACKOFF_MAX", "200ms");
    env.put("DELAYED_POLL_INTERVAL", "50ms");
    env.put("WEBHOOK_SECRET", secret);
    env.put("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
    env.put("WEBHOOK_TIMEOUT", "2s");
    env.putAll(more);
    Env settings = new Env(env);
    HandlerRegistry handlers =
        Webhooks.register(
            HandlerRegistry.withBuiltins(), WebhookSettings.fromEnv(settings), fleet, types);
    Worker worker = new Worker(fleet, FleetConfig.fromEnv(settings), handlers);
    worker.start();
    return worker;
  }
}
