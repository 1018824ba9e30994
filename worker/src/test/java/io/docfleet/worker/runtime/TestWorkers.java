package io.docfleet.worker.runtime;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.redis.FleetContext;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.handler.TaskHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * Whole workers for tests: one task type and its handler, the test's key prefix, retries far off,
 * and background loops (delayed promoter, reaper, orphan sweep) fast enough to wait for.
 */
final class TestWorkers {
  private TestWorkers() {}

  /** A started worker of {@code type}; {@code settings} add to or replace the defaults. */
  static Worker started(
      FleetContext fleet, String type, TaskHandler handler, Map<String, String> settings) {
    Worker worker = new Worker(fleet, config(fleet, type, settings), handlers(type, handler));
    worker.start();
    return worker;
  }

  /** The id of the worker a test starts, one per key prefix. */
  static String workerId(FleetContext fleet) {
    return "w-" + fleet.keys().prefix().hashCode();
  }

  static FleetConfig config(FleetContext fleet, String type, Map<String, String> settings) {
    String prefix = fleet.keys().prefix();
    Map<String, String> env = new HashMap<>();
    env.put("WORKER_ID", workerId(fleet));
    env.put("WORKER_TASK_TYPES", type);
    env.put("WORKER_CONCURRENCY", "16");
    env.put("DOCFLEET_KEY_PREFIX", prefix);
    env.put("RETRY_BACKOFF_BASE", "60s");
    env.put("RETRY_BACKOFF_MAX", "60s");
    env.put("DELAYED_POLL_INTERVAL", "50ms");
    env.put("REAPER_INTERVAL", "200ms");
    env.putAll(settings);
    return FleetConfig.fromEnv(new Env(env));
  }

  private static HandlerRegistry handlers(String type, TaskHandler handler) {
    return new HandlerRegistry().register(type, handler);
  }
}
