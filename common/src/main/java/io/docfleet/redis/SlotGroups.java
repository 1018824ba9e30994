package io.docfleet.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;

/**
 * Splits a batch of per-key steps into groups that one multi-key script call may carry: on Redis
 * Cluster, the keys of one hash slot (a script may only touch keys of one slot); on a single Redis
 * or behind sentinels, the whole batch. So a batch of per-task steps costs one script call instead
 * of one per task where that is legal, and stays legal on a cluster.
 */
public final class SlotGroups {
  private static final int SLOTS = 16384;

  private final boolean cluster;

  public SlotGroups(boolean cluster) {
    this.cluster = cluster;
  }

  /** Groups for the client's topology. */
  public static SlotGroups of(FleetContext fleet) {
    return new SlotGroups(fleet.redis().getConfig().isClusterConfig());
  }

  /** The positions of {@code items}, grouped so that each group may go in one script call. */
  public <T> List<List<Integer>> group(List<T> items, Function<T, String> key) {
    if (!cluster) {
      List<Integer> all = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        all.add(i);
      }
      return items.isEmpty() ? List.of() : List.of(all);
    }
    Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      bySlot.computeIfAbsent(slot(key.apply(items.get(i))), s -> new ArrayList<>()).add(i);
    }
    return new ArrayList<>(bySlot.values());
  }

  /** The keys and arguments of one script call over a group of items. */
  public record ScriptCall(List<Object> keys, Object[] args) {}

  /**
   * Runs {@code script} over {@code items}: one call per group ({@link #group}), built by {@code
   * callFor} from the group's positions, all groups in one pipeline. Each call answers a list with
   * one number per item of its group; the answers come back in the order of {@code items}.
   */
  public <T> CompletionStage<List<Long>> run(
      RedissonClient redis,
      LuaScript script,
      List<T> items,
      Function<T, String> key,
      Function<List<Integer>, ScriptCall> callFor) {
    List<List<Integer>> groups = group(items, key);
    RBatch batch = groups.size() > 1 ? redis.createBatch() : null;
    List<CompletionStage<List<Object>>> replies = new ArrayList<>(groups.size());
    for (List<Integer> group : groups) {
      ScriptCall call = callFor.apply(group);
      replies.add(
          batch == null
              ? script.run(redis, RScript.ReturnType.LIST, call.keys(), call.args())
              : script.addTo(batch, RScript.ReturnType.LIST, call.keys(), call.args()));
    }
    CompletionStage<?> sent =
        batch == null
            ? (replies.isEmpty() ? CompletableFuture.completedFuture(null) : replies.get(0))
            : batch.executeAsync();
    return sent.thenApply(
        ignored -> {
          Long[] answers = new Long[items.size()];
          for (int g = 0; g < groups.size(); g++) {
            List<Object> reply = replies.get(g).toCompletableFuture().join();
            List<Integer> group = groups.get(g);
            for (int j = 0; j < group.size(); j++) {
              answers[group.get(j)] = ((Number) reply.get(j)).longValue();
            }
          }
          return Arrays.asList(answers);
        });
  }

  /** The cluster hash slot of a key: CRC16 (XMODEM) of its hash tag, or of the whole key. */
  public static int slot(String key) {
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        key = key.substring(open + 1, close);
      }
    }
    int crc = 0;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      crc ^= (b & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
    }
    return (crc & 0xffff) % SLOTS;
  }
}
