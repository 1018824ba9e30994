package io.docfleet.worker.runtime;

import io.docfleet.config.ConfigException;
import io.docfleet.config.FleetConfig;
import io.docfleet.worker.handler.HandlerRegistry;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The task types a worker serves, and the threads that run them. */
final class ServedTypes {
  private ServedTypes() {}

  /**
   * {@code WORKER_TASK_TYPES} when set (each must have a handler), else every type with a handler.
   */
  static List<String> of(FleetConfig config, HandlerRegistry handlers) {
    List<String> configured = config.worker().taskTypes();
    if (configured.isEmpty()) {
      return List.copyOf(handlers.types());
    }
    for (String type : configured) {
      if (handlers.find(type).isEmpty()) {
        throw new ConfigException(
            "WORKER_TASK_TYPES",
            "task types this worker has handlers for " + handlers.types(),
            type);
      }
    }
    return configured;
  }

  /** Daemon threads named {@code task-<type>-<n>}. */
  static ThreadFactory threadsFor(String type) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, "task-" + type + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
