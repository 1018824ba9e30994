package io.docfleet.worker.runtime;

import io.docfleet.queue.GroupConfigs;
import io.docfleet.queue.GroupLimits;
import io.docfleet.redis.FleetContext;
import java.util.Collection;
import java.util.OptionalInt;

/**
 * Sets the groups' limits on the types a worker serves when it starts: every group's from {@code
 * QUEUE_GROUP_CONCURRENCY} when set, then each group's own concurrency stored in {@code
 * groups:config} ({@code PUT /api/v1/groups/<group>}), so a type that became known after an
 * operator set a group's limit has it too. Limits already set stay when neither says otherwise.
 */
final class GroupLimitsAtStart {
  private final FleetContext fleet;
  private final OptionalInt everyGroup;

  GroupLimitsAtStart(FleetContext fleet, OptionalInt everyGroup) {
    this.fleet = fleet;
    this.everyGroup = everyGroup;
  }

  void apply(Collection<String> types) {
    GroupLimits limits = new GroupLimits(fleet);
    everyGroup.ifPresent(most -> limits.setEvery(types, most));
    new GroupConfigs(fleet)
        .readAll()
        .forEach(
            (group, config) ->
                config
                    .concurrency()
                    .ifPresent(
                        most -> types.forEach(t -> limits.set(t, group, OptionalInt.of(most)))));
  }
}
