package io.docfleet.worker.http;

import io.docfleet.config.ConfigException;
import io.docfleet.worker.metrics.WorkerMetrics;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a worker's HTTP port at start-up. A port set in {@code WORKER_HTTP_PORT} is that port or a
 * configuration error; the default (8081) gives way to a free port when it is taken, as it is by
 * the first worker when a second starts on the same host, and says so in one line.
 */
public final class WorkerHttpPort {
  private static final Logger log = LoggerFactory.getLogger(WorkerHttpPort.class);

  private WorkerHttpPort() {}

  /**
   * The bound (not yet serving) HTTP server; empty when {@code WORKER_HTTP_PORT=0}.
   *
   * @throws ConfigException when the port set in {@code WORKER_HTTP_PORT} cannot be bound
   */
  public static Optional<WorkerHttpServer> bind(
      WorkerHttpSettings settings, WorkerMetrics metrics) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    try {
      return Optional.of(WorkerHttpServer.bind(settings.host(), settings.port(), metrics));
    } catch (UncheckedIOException e) {
      if (settings.portSet()) {
        throw new ConfigException(
            "WORKER_HTTP_PORT "
                + settings.port()
                + " cannot be served ("
                + e.getCause().getMessage()
                + "): set a free port, leave it unset for 8081 or a free port, or 0 for no HTTP"
                + " port");
      }
    }
    WorkerHttpServer server = WorkerHttpServer.bind(settings.host(), 0, metrics);
    log.info(
        "port {} is taken (another worker on this host?) and WORKER_HTTP_PORT is not set:"
            + " /health, /ready and /metrics on port {} instead",
        settings.port(),
        server.port());
    return Optional.of(server);
  }
}
