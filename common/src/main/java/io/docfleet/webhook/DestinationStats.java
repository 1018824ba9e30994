package io.docfleet.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One webhook destination's deliveries, as {@code {metrics}:webhook_destination:<origin>} holds
 * them: events delivered, failed attempts, deliveries dead-lettered, the last failure (an HTTP
 * status or an error's class) and when, the last delivery, the last attempt and its latency.
 */
public record DestinationStats(
    String destination,
    long delivered,
    long failed,
    long deadLettered,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt,
    Optional<Instant> lastDeliveredAt,
    Optional<Instant> lastAttemptAt,
    Optional<Long> lastLatencyMs) {

  /** The count of {@code outcome}. */
  public long count(DeliveryOutcome outcome) {
    return switch (outcome) {
      case DELIVERED -> delivered;
      case FAILED -> failed;
      case DEAD_LETTERED -> deadLettered;
    };
  }

  /** Reads a destination's hash; a field that is missing or not a number reads as none. */
  static DestinationStats fromHash(Map<String, String> hash) {
    return new DestinationStats(
        hash.getOrDefault("destination", WebhookOrigin.UNREADABLE),
        count(hash.get(DeliveryOutcome.DELIVERED.wireName())),
        count(hash.get(DeliveryOutcome.FAILED.wireName())),
        count(hash.get(DeliveryOutcome.DEAD_LETTERED.wireName())),
        Optional.ofNullable(hash.get("last_error")).filter(s -> !s.isEmpty()),
        millis(hash.get("last_error_at")).map(Instant::ofEpochMilli),
        millis(hash.get("last_delivered_at")).map(Instant::ofEpochMilli),
        millis(hash.get("last_attempt_at")).map(Instant::ofEpochMilli),
        millis(hash.get("last_latency_ms")));
  }

  private static long count(String value) {
    return millis(value).orElse(0L);
  }

  private static Optional<Long> millis(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
