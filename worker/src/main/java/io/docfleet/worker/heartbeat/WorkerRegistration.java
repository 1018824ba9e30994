package io.docfleet.worker.heartbeat;

import io.docfleet.config.Concurrency;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a worker tells the fleet about itself when it registers, with the port of its {@code
 * /health}, {@code /ready} and {@code /metrics} when it serves one.
 */
public record WorkerRegistration(
    String id,
    String host,
    long pid,
    List<String> capabilities,
    Concurrency concurrency,
    Instant startedAt,
    OptionalInt httpPort) {

  public WorkerRegistration {
    capabilities = List.copyOf(capabilities);
  }

  /** A worker that serves no HTTP port. */
  public WorkerRegistration(
      String id,
      String host,
      long pid,
      List<String> capabilities,
      Concurrency concurrency,
      Instant startedAt) {
    this(id, host, pid, capabilities, concurrency, startedAt, OptionalInt.empty());
  }

  /** The concurrency as written to the registration hash: {@code ocr=2,entities=8}. */
  public String concurrencyText() {
    StringBuilder text = new StringBuilder();
    for (String type : capabilities) {
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(type).append('=').append(concurrency.forType(type));
    }
    return text.toString();
  }
}
