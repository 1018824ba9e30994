package io.docfleet.worker.heartbeat;

import io.docfleet.config.Concurrency;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a worker tells the fleet about itself when it registers, with the port of its {@code
 * /health}, {@code /ready} and {@code /metrics} when it serves one. Its heartbeat adds the run
 * protocol it speaks ({@link io.docfleet.coordination.RunProtocol}).
 */
public record WorkerRegistration(
    String id,
    String host,
    long pid,
    List<String> capabilities,
    Concurrency concurrency,
    Instant startedAt,
    OptionalInt httpPort) {

  /**
   * The run protocol of this version, registered as {@code protocol}: 2 since issue 12 put every
   * key of a run in its queue's hash slot. A registration without it is of an older worker, whose
   * runs this version cannot see.
   */
  public static final int PROTOCOL = 2;

  /** The registration's field that names the run protocol. */
  public static final String PROTOCOL_FIELD = "protocol";

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
