package io.docfleet.api.health;

import io.docfleet.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodeAsync;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.protocol.RedisCommands;

/**
 * Asks one Redis (the queue's, or the cache's own) how it is: {@code PING} of every master within
 * {@value #WAIT_SECONDS} s, then {@code INFO} of the first, {@code CLIENT LIST} of every master
 * counted by client name (which {@code RedisConnector} sets for each fleet member: {@code
 * docfleet-worker-<id>}, {@code docfleet-coordinator}...), and a sample of the fleet's keys. A
 * Redis that does not answer is an {@link Outcome.Unavailable} with the error, never an exception.
 */
final class RedisProbe {
  static final String UNNAMED = "(unnamed)";
  static final long WAIT_SECONDS = 2;

  private final RedissonClient redis;
  private final RedisKeys keys;

  RedisProbe(RedissonClient redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /** What one look at the server found. */
  record Reading(
      double pingMillis,
      RedisInfo info,
      int masters,
      Map<String, Integer> connections,
      KeySample.Counts keys) {

    /** A reading of nothing: what the report's shape is written from when Redis did not answer. */
    static final Reading NONE =
        new Reading(0, RedisInfo.of(Map.of()), 0, Map.of(), KeySample.Counts.NONE);
  }

  Outcome<Reading> probe() {
    return Outcome.of(this::read);
  }

  /**
   * Completes when every master answered PING within the wait; fails with the first that did not.
   */
  CompletableFuture<Void> ping() {
    List<RedisNodeAsync> masters;
    try {
      masters = masters();
    } catch (RuntimeException e) { // no primary known: the sentinels or the cluster do not answer
      return CompletableFuture.failedFuture(e);
    }
    List<CompletableFuture<Boolean>> pings = new ArrayList<>();
    for (RedisNodeAsync master : masters) {
      pings.add(
          master
              .pingAsync(WAIT_SECONDS, TimeUnit.SECONDS)
              .toCompletableFuture()
              .thenApply(
                  pong -> {
                    if (!pong) {
                      throw new IllegalStateException("PING did not get PONG");
                    }
                    return pong;
                  }));
    }
    return CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new));
  }

  private Reading read() throws Exception {
    long start = System.nanoTime();
    ping().get();
    double pingMillis = (System.nanoTime() - start) / 1e6;
    List<RedisNodeAsync> masters = masters();
    RedisInfo info =
        RedisInfo.of(
            masters
                .get(0)
                .infoAsync(RedisNode.InfoSection.ALL)
                .toCompletableFuture()
                .get(WAIT_SECONDS, TimeUnit.SECONDS));
    return new Reading(
        pingMillis, info, masters.size(), connectionsByName(), KeySample.take(redis, keys));
  }

  private List<RedisNodeAsync> masters() {
    if (redis.getConfig().isClusterConfig()) {
      return new ArrayList<>(redis.getRedisNodes(RedisNodes.CLUSTER).getMasters());
    }
    if (redis.getConfig().isSentinelConfig()) {
      return List.of(redis.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE).getMaster());
    }
    return List.of(redis.getRedisNodes(RedisNodes.SINGLE).getInstance());
  }

  /** Connections per client name over every master; empty when CLIENT LIST is not allowed. */
  private Map<String, Integer> connectionsByName() {
    Map<String, Integer> byName = new TreeMap<>();
    if (!(redis instanceof Redisson redisson)) {
      return byName;
    }
    try {
      List<CompletableFuture<List<String>>> replies =
          redisson.getCommandExecutor().executeAllAsync(RedisCommands.CLIENT_LIST);
      for (CompletableFuture<List<String>> reply : replies) {
        for (String line : reply.get(WAIT_SECONDS, TimeUnit.SECONDS)) {
          byName.merge(clientName(line), 1, Integer::sum);
        }
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      byName.clear();
    }
    return byName;
  }

  /** The {@code name=} of one CLIENT LIST line. */
  static String clientName(String line) {
    for (String field : line.trim().split(" ")) {
      if (field.startsWith("name=")) {
        String name = field.substring("name=".length());
        return name.isEmpty() ? UNNAMED : name;
      }
    }
    return UNNAMED;
  }
}
