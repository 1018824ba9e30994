package io.docfleet.metrics;

import io.docfleet.redis.RedisKeys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RMapAsync;
import org.redisson.client.codec.StringCodec;

/**
 * The fleet-wide duration histograms in Redis, one hash per {@link FleetSeries}: {@code kind},
 * {@code label:<name>} for each label, {@code le:<bound>} (how many durations were at most that
 * many seconds, cumulative like Prometheus' buckets), {@code count}, {@code sum} (seconds) and
 * {@code errors}; {@code {metrics}:index} lists the hashes. Workers add what they measured since
 * their last flush, so the fleet's counts only grow, whichever worker dies; the coordinator reads
 * them at scrape time. The writer's batch should be atomic ({@code MULTI}): every name shares the
 * {@code {metrics}} hash tag, so it is on a cluster too.
 */
public final class FleetHistograms {
  static final String KIND = "kind";
  static final String LABEL = "label:";
  static final String BUCKET = "le:";
  static final String COUNT = "count";
  static final String SUM = "sum";
  static final String ERRORS = "errors";

  private final RedisKeys keys;

  public FleetHistograms(RedisKeys keys) {
    this.keys = keys;
  }

  /** One series as read from its hash. */
  public record Reading(
      FleetSeries series,
      List<Double> bounds,
      List<Long> cumulative,
      long count,
      double sumSeconds,
      long errors) {

    public Reading {
      bounds = List.copyOf(bounds);
      cumulative = List.copyOf(cumulative);
    }
  }

  /** Adds each series' delta to its hash in {@code batch} (the caller executes it). */
  public void add(RBatch batch, Map<FleetSeries, HistogramDelta> deltas) {
    deltas.forEach(
        (series, delta) -> {
          if (delta.isEmpty()) {
            return;
          }
          String key = series.key(keys);
          RMapAsync<String, Object> hash = batch.getMap(key, StringCodec.INSTANCE);
          hash.fastPutAsync(KIND, series.kind().wireName());
          series.labels().forEach((name, value) -> hash.fastPutAsync(LABEL + name, value));
          for (int i = 0; i < DurationBuckets.SECONDS.size(); i++) {
            long cumulative = delta.cumulative(i);
            if (cumulative != 0) {
              hash.addAndGetAsync(
                  BUCKET + DurationBuckets.format(DurationBuckets.SECONDS.get(i)), cumulative);
            }
          }
          hash.addAndGetAsync(COUNT, delta.count());
          hash.addAndGetAsync(SUM, delta.sumNanos() / 1e9);
          if (delta.errors() != 0) {
            hash.addAndGetAsync(ERRORS, delta.errors());
          }
          batch.getSet(keys.metrics().index(), StringCodec.INSTANCE).addAsync(key);
        });
  }

  /** Queues the read of the index (the names of every series' hash) in {@code batch}. */
  public RFuture<Set<Object>> index(RBatch batch) {
    return batch.getSet(keys.metrics().index(), StringCodec.INSTANCE).readAllAsync();
  }

  /** Queues the read of one series' hash in {@code batch}. */
  public RFuture<Map<Object, Object>> hash(RBatch batch, String key) {
    return batch.getMap(key, StringCodec.INSTANCE).readAllMapAsync();
  }

  /** A series from its hash; empty for a hash that is gone or not one of these. */
  public static Optional<Reading> parse(Map<?, ?> raw) {
    Map<String, String> fields = new HashMap<>();
    raw.forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
    Optional<FleetSeries.Kind> kind = FleetSeries.Kind.ofWireName(fields.getOrDefault(KIND, ""));
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> labels = new TreeMap<>();
    TreeMap<Double, Long> buckets = new TreeMap<>();
    fields.forEach(
        (name, value) -> {
          if (name.startsWith(LABEL)) {
            labels.put(name.substring(LABEL.length()), value);
          } else if (name.startsWith(BUCKET)) {
            buckets.put(Double.parseDouble(name.substring(BUCKET.length())), whole(value));
          }
        });
    // A bound that no flush reached has no field: nothing was that short yet.
    for (double bound : DurationBuckets.SECONDS) {
      buckets.putIfAbsent(bound, 0L);
    }
    List<Double> bounds = new ArrayList<>(buckets.keySet());
    List<Long> cumulative = new ArrayList<>(buckets.size());
    long running = 0;
    for (long count : buckets.values()) {
      running = Math.max(running, count);
      cumulative.add(running);
    }
    return Optional.of(
        new Reading(
            new FleetSeries(kind.get(), labels),
            bounds,
            cumulative,
            whole(fields.get(COUNT)),
            decimal(fields.get(SUM)),
            whole(fields.get(ERRORS))));
  }

  /** A count; {@code HINCRBYFLOAT} writes whole numbers without a fraction, but read leniently. */
  private static long whole(String value) {
    return value == null ? 0 : new BigDecimal(value).longValue();
  }

  private static double decimal(String value) {
    return value == null ? 0 : Double.parseDouble(value);
  }
}
