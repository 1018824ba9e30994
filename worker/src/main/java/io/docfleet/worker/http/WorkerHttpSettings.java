package io.docfleet.worker.http;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;

/**
 * Where a worker serves {@code /health}, {@code /ready} and {@code /metrics}: {@code
 * WORKER_HTTP_PORT} (default 8081; {@code 0} serves no HTTP port) on {@code WORKER_HTTP_HOST}
 * (default {@code 0.0.0.0}). {@code portSet} says whether the port was chosen: the default gives
 * way to a free port when another worker on the host has it, a chosen one does not.
 */
public record WorkerHttpSettings(boolean enabled, String host, int port, boolean portSet) {
  public static final int DEFAULT_PORT = 8081;
  private static final String ACCEPTS = "a port from 1 to 65535, or 0 for no HTTP port";

  public static WorkerHttpSettings fromEnv(Env env) {
    String host = env.string("WORKER_HTTP_HOST", "0.0.0.0");
    boolean portSet = env.get("WORKER_HTTP_PORT").isPresent();
    int port = env.get("WORKER_HTTP_PORT").map(WorkerHttpSettings::port).orElse(DEFAULT_PORT);
    return new WorkerHttpSettings(port != 0, host, port, portSet);
  }

  /** No HTTP port. */
  public static WorkerHttpSettings off() {
    return new WorkerHttpSettings(false, "0.0.0.0", 0, true);
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("WORKER_HTTP_PORT", ACCEPTS, value);
  }
}
