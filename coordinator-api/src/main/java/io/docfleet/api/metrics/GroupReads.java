package io.docfleet.api.metrics;

import io.docfleet.queue.GroupDepth;
import io.docfleet.queue.LaneDepths;
import io.docfleet.redis.GroupKeys;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.Priority;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The groups of every queue for {@code /metrics}, in one pipeline: each group's ready lists and
 * running set. Only the {@value #MOST_PER_TYPE} largest backlogs of a type are kept (then by name),
 * so the series a scrape exports stay bounded however many groups there are.
 */
final class GroupReads {
  /** The most groups of one type that get series. */
  static final int MOST_PER_TYPE = 50;

  private GroupReads() {}

  /** Each type's largest groups, for the types of {@code groupsByType} (type to its groups). */
  static Map<String, List<GroupDepth>> read(
      RedissonClient redis, RedisKeys keys, Map<String, List<String>> groupsByType) {
    Map<String, List<GroupDepth>> depths = new HashMap<>();
    if (groupsByType.values().stream().allMatch(List::isEmpty)) {
      return depths;
    }
    GroupKeys names = keys.groups();
    RBatch batch = redis.createBatch();
    Map<String, List<List<RFuture<Integer>>>> reads = new HashMap<>();
    groupsByType.forEach(
        (type, groups) -> {
          List<List<RFuture<Integer>>> perGroup = new ArrayList<>();
          for (String group : groups) {
            List<RFuture<Integer>> sizes = new ArrayList<>();
            for (Priority lane : Priority.values()) {
              sizes.add(
                  batch.getList(names.ready(type, group, lane), StringCodec.INSTANCE).sizeAsync());
            }
            sizes.add(batch.getSet(names.running(type, group), StringCodec.INSTANCE).sizeAsync());
            perGroup.add(sizes);
          }
          reads.put(type, perGroup);
        });
    batch.execute();
    groupsByType.forEach(
        (type, groups) -> {
          List<GroupDepth> of = new ArrayList<>();
          for (int g = 0; g < groups.size(); g++) {
            List<RFuture<Integer>> sizes = reads.get(type).get(g);
            of.add(
                new GroupDepth(
                    groups.get(g),
                    new LaneDepths(join(sizes.get(0)), join(sizes.get(1)), join(sizes.get(2))),
                    join(sizes.get(3)),
                    OptionalInt.empty()));
          }
          of.sort(
              Comparator.comparingLong((GroupDepth d) -> d.ready().total())
                  .reversed()
                  .thenComparing(GroupDepth::group));
          depths.put(type, List.copyOf(of.subList(0, Math.min(MOST_PER_TYPE, of.size()))));
        });
    return depths;
  }

  private static long join(RFuture<Integer> size) {
    return size.toCompletableFuture().join();
  }
}
