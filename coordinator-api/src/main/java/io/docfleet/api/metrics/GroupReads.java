package io.docfleet.api.metrics;

import io.docfleet.queue.GroupDepth;
import io.docfleet.queue.LaneDepths;
import io.docfleet.redis.GroupKeys;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.Priority;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The groups of every queue for {@code /metrics}, in one pipeline: each group's ready lists, their
 * oldest items (for the queue's oldest ready age) and running set. Only the {@value #MOST_PER_TYPE}
 * largest backlogs of a type are kept (then by name), so the series a scrape exports stay bounded
 * however many groups there are.
 */
final class GroupReads {
  /** The most groups of one type that get series. */
  static final int MOST_PER_TYPE = 50;

  /** Each type's largest groups, and the oldest item of each of its groups' ready lists. */
  record Result(Map<String, List<GroupDepth>> depths, Map<String, List<String>> oldest) {
    List<GroupDepth> depthsOf(String type) {
      return depths.getOrDefault(type, List.of());
    }

    List<String> oldestOf(String type) {
      return oldest.getOrDefault(type, List.of());
    }
  }

  private GroupReads() {}

  /** Each type's groups, for the types of {@code groupsByType} (type to its groups). */
  static Result read(RedissonClient redis, RedisKeys keys, Map<String, List<String>> groupsByType) {
    Map<String, List<GroupDepth>> depths = new HashMap<>();
    Map<String, List<String>> oldest = new HashMap<>();
    if (groupsByType.values().stream().allMatch(List::isEmpty)) {
      return new Result(depths, oldest);
    }
    GroupKeys names = keys.groups();
    RBatch batch = redis.createBatch();
    Map<String, List<List<RFuture<Integer>>>> reads = new HashMap<>();
    Map<String, List<RFuture<Object>>> tails = new HashMap<>();
    groupsByType.forEach(
        (type, groups) -> {
          List<List<RFuture<Integer>>> perGroup = new ArrayList<>();
          List<RFuture<Object>> typeTails = new ArrayList<>();
          for (String group : groups) {
            List<RFuture<Integer>> sizes = new ArrayList<>();
            for (Priority lane : Priority.values()) {
              sizes.add(
                  batch.getList(names.ready(type, group, lane), StringCodec.INSTANCE).sizeAsync());
              typeTails.add(
                  batch.getList(names.ready(type, group, lane), StringCodec.INSTANCE).getAsync(-1));
            }
            sizes.add(batch.getSet(names.running(type, group), StringCodec.INSTANCE).sizeAsync());
            perGroup.add(sizes);
          }
          reads.put(type, perGroup);
          tails.put(type, typeTails);
        });
    batch.execute();
    tails.forEach(
        (type, futures) -> {
          List<String> items = new ArrayList<>();
          for (RFuture<Object> tail : futures) {
            Object item = tail.toCompletableFuture().join();
            if (item != null) {
              items.add(item.toString());
            }
          }
          oldest.put(type, items);
        });
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
          of.sort(GroupDepth.LARGEST_BACKLOG_FIRST);
          depths.put(type, List.copyOf(of.subList(0, Math.min(MOST_PER_TYPE, of.size()))));
        });
    return new Result(depths, oldest);
  }

  private static long join(RFuture<Integer> size) {
    return size.toCompletableFuture().join();
  }
}
