package io.docfleet.api.dashboard;

import io.docfleet.metrics.DurationBuckets;
import io.docfleet.metrics.FleetHistograms;
import io.docfleet.redis.FleetContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;

/**
 * The fleet's run-time histograms of the given task types ({@code {metrics}:task_duration:<type>},
 * which workers add to as they flush), read in one batch: per type, how many runs took at most each
 * bound of {@link DurationBuckets#SECONDS} (cumulative) and how many ran in all. Running totals:
 * the console takes percentiles of the difference between two samples. A type no run was measured
 * for is left out.
 */
final class TaskDurations {
  private final FleetContext fleet;
  private final FleetHistograms histograms;

  TaskDurations(FleetContext fleet) {
    this.fleet = fleet;
    this.histograms = new FleetHistograms(fleet.keys());
  }

  Map<String, DashboardSnapshot.Durations> read(Collection<String> types) {
    if (types.isEmpty()) {
      return Map.of();
    }
    RBatch batch = fleet.redis().createBatch();
    Map<String, RFuture<Map<Object, Object>>> reads = new LinkedHashMap<>();
    for (String type : types) {
      reads.put(type, histograms.hash(batch, fleet.keys().metrics().taskDuration(type)));
    }
    batch.execute();
    Map<String, DashboardSnapshot.Durations> result = new LinkedHashMap<>();
    reads.forEach(
        (type, read) ->
            FleetHistograms.parse(read.toCompletableFuture().join())
                .filter(reading -> reading.count() > 0)
                .ifPresent(reading -> result.put(type, onStandardBounds(reading))));
    return result;
  }

  /** The reading's cumulative counts at the standard bounds, whatever else its hash holds. */
  private static DashboardSnapshot.Durations onStandardBounds(FleetHistograms.Reading reading) {
    List<Long> cumulative = new ArrayList<>(DurationBuckets.SECONDS.size());
    for (double bound : DurationBuckets.SECONDS) {
      int at = reading.bounds().indexOf(bound);
      cumulative.add(at < 0 ? 0 : reading.cumulative().get(at));
    }
    return new DashboardSnapshot.Durations(cumulative, reading.count());
  }
}
