package io.docfleet.worker.handler;

import io.docfleet.config.TaskTypeNames;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The task types a worker can run, each with its handler. */
public final class HandlerRegistry {
  private final Map<String, TaskHandler> handlers = new TreeMap<>();

  /** The built-in diagnostic types: {@code noop} and {@code sleep}. */
  public static HandlerRegistry withBuiltins() {
    return new HandlerRegistry()
        .register("noop", new NoopHandler())
        .register("sleep", new SleepHandler());
  }

  public HandlerRegistry register(String type, TaskHandler handler) {
    if (!TaskTypeNames.isValid(type)) {
      throw new IllegalArgumentException("'" + type + "' is not " + TaskTypeNames.ACCEPTS);
    }
    handlers.put(type, handler);
    return this;
  }

  public Optional<TaskHandler> find(String type) {
    return Optional.ofNullable(handlers.get(type));
  }

  public Set<String> types() {
    return handlers.keySet();
  }
}
