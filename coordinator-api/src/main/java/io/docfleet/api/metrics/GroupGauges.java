package io.docfleet.api.metrics;

import io.docfleet.queue.GroupDepth;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * {@code docfleet_queue_group_ready{type,group}} (a group's ready tasks, every lane) and {@code
 * docfleet_queue_group_running{type,group}} (its tasks in flight): the largest groups of each type
 * only ({@link GroupReads#MOST_PER_TYPE}), so the series stay bounded however many groups there
 * are.
 */
final class GroupGauges {
  private GroupGauges() {}

  static List<MetricSnapshot> of(List<FleetReading.Queue> queues) {
    GaugeSnapshot.Builder ready =
        GaugeSnapshot.builder()
            .name("docfleet_queue_group_ready")
            .help(
                "Ready tasks of a group, every lane, by task type and group (the "
                    + GroupReads.MOST_PER_TYPE
                    + " largest groups of each type)");
    GaugeSnapshot.Builder running =
        GaugeSnapshot.builder()
            .name("docfleet_queue_group_running")
            .help("Tasks of a group in flight, by task type and group (the same groups)");
    for (FleetReading.Queue queue : queues) {
      for (GroupDepth group : queue.groups()) {
        Labels labels = Labels.of("group", group.group(), "type", queue.stats().type());
        ready.dataPoint(point(labels, group.ready().total()));
        running.dataPoint(point(labels, group.running()));
      }
    }
    return List.of(ready.build(), running.build());
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
