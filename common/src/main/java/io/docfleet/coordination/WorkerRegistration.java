package io.docfleet.coordination;

import io.docfleet.config.Concurrency;
import java.time.Instant;
import java.util.List;

/** What a worker tells the fleet about itself when it registers. */
public record WorkerRegistration(
    String id,
    String host,
    long pid,
    List<String> capabilities,
    Concurrency concurrency,
    Instant startedAt) {

  public WorkerRegistration {
    capabilities = List.copyOf(capabilities);
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
