package io.docfleet.queue;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of a queue's counters, read from its {@code {tasks:<type>}:stats} hash. A field under
 * a counter's legacy name (written by a worker of the previous release) adds to that counter.
 */
public final class QueueCounters {
  private final Map<QueueCounter, Long> values;

  private QueueCounters(Map<QueueCounter, Long> values) {
    this.values = values;
  }

  /** No counter counted yet. */
  public static QueueCounters none() {
    return new QueueCounters(new EnumMap<>(QueueCounter.class));
  }

  /**
   * The counters in a stats hash, as Redis returned it (field and value as strings, or values as
   * numbers); fields that name no counter are left out.
   */
  public static QueueCounters fromHash(Map<?, ?> hash) {
    Map<QueueCounter, Long> values = new EnumMap<>(QueueCounter.class);
    for (QueueCounter counter : QueueCounter.values()) {
      long value = number(hash.get(counter.wireName()));
      value += counter.legacyName().map(legacy -> number(hash.get(legacy))).orElse(0L);
      if (value != 0 || hash.containsKey(counter.wireName())) {
        values.put(counter, value);
      }
    }
    return new QueueCounters(values);
  }

  /** The counter's value, 0 when it was never counted. */
  public long get(QueueCounter counter) {
    return values.getOrDefault(counter, 0L);
  }

  /**
   * The counters by wire name, as the API publishes them; a renamed counter also appears under its
   * legacy name with the same value, for one release. Counters never counted are left out.
   */
  public Map<String, Long> published() {
    Map<String, Long> named = new LinkedHashMap<>();
    values.forEach(
        (counter, value) -> {
          named.put(counter.wireName(), value);
          counter.legacyName().ifPresent(legacy -> named.put(legacy, value));
        });
    return named;
  }

  /** The counters counted, by wire name only. */
  public Map<String, Long> byWireName() {
    Map<String, Long> named = new LinkedHashMap<>();
    values.forEach((counter, value) -> named.put(counter.wireName(), value));
    return named;
  }

  private static long number(Object value) {
    if (value == null) {
      return 0;
    }
    // HINCRBYFLOAT would write a whole number with a fraction: read leniently
    return new BigDecimal(String.valueOf(value)).longValue();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QueueCounters that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return byWireName().toString();
  }
}
