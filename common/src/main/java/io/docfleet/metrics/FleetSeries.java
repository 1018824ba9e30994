package io.docfleet.metrics;

import io.docfleet.redis.RedisKeys;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One fleet-wide duration histogram: what it measures ({@link Kind}) and its labels, such as {@code
 * type=ocr} or {@code provider=openai, operation=entities}.
 */
public record FleetSeries(Kind kind, Map<String, String> labels) {

  /** What a series measures, with the name it has in its hash's {@code kind} field. */
  public enum Kind {
    /** How long a handler ran one task, by task type. */
    TASK_DURATION("task_duration"),
    /** How long one provider call took, by provider (engine) and operation (stage). */
    PROVIDER_CALL("provider_call");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    static Optional<Kind> ofWireName(String name) {
      for (Kind kind : values()) {
        if (kind.wireName.equals(name)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  public FleetSeries {
    labels = Map.copyOf(new TreeMap<>(labels));
  }

  public static FleetSeries taskDuration(String type) {
    return new FleetSeries(Kind.TASK_DURATION, Map.of("type", type));
  }

  public static FleetSeries providerCall(String provider, String operation) {
    return new FleetSeries(
        Kind.PROVIDER_CALL, Map.of("provider", provider, "operation", operation));
  }

  /** The name of the series' hash. */
  public String key(RedisKeys keys) {
    return switch (kind) {
      case TASK_DURATION -> keys.metrics().taskDuration(labels.get("type"));
      case PROVIDER_CALL ->
          keys.metrics().providerCall(labels.get("provider"), labels.get("operation"));
    };
  }
}
