package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.GroupKeys;
import io.docfleet.task.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.client.codec.StringCodec;

/**
 * Reads the groups of one type's queue for operators ({@code {tasks:<type>}:groups} and each
 * group's lists and running set), in two round trips; changes nothing. Largest backlog first.
 */
public final class GroupDepths {
  private final FleetContext fleet;

  public GroupDepths(FleetContext fleet) {
    this.fleet = fleet;
  }

  public List<GroupDepth> of(String type) {
    GroupKeys keys = fleet.keys().groups();
    List<String> groups =
        new ArrayList<>(
            fleet.redis().<String>getSet(keys.known(type), StringCodec.INSTANCE).readAll());
    RBatch batch = fleet.redis().createBatch();
    batch.getMap(keys.limits(type), StringCodec.INSTANCE).readAllMapAsync();
    for (String group : groups) {
      for (Priority lane : Priority.values()) {
        batch.getList(keys.ready(type, group, lane), StringCodec.INSTANCE).sizeAsync();
      }
      batch.getSet(keys.running(type, group), StringCodec.INSTANCE).sizeAsync();
    }
    BatchResult<?> result = batch.execute();
    Map<?, ?> limits = (Map<?, ?>) result.getResponses().get(0);
    List<GroupDepth> depths = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      int at = 1 + g * 4;
      String group = groups.get(g);
      depths.add(
          new GroupDepth(
              group,
              new LaneDepths(number(result, at), number(result, at + 1), number(result, at + 2)),
              number(result, at + 3),
              limitOf(limits, group)));
    }
    depths.sort(GroupDepth.LARGEST_BACKLOG_FIRST);
    return depths;
  }

  private static OptionalInt limitOf(Map<?, ?> limits, String group) {
    Object own = limits.get(group);
    Object every = limits.get(GroupLimits.EVERY_GROUP);
    Object limit = own != null ? own : every;
    return limit == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(limit.toString()));
  }

  private static long number(BatchResult<?> result, int index) {
    return ((Number) result.getResponses().get(index)).longValue();
  }
}
