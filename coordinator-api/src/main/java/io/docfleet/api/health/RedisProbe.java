package io.docfleet.api.health;

import io.docfleet.config.RedisSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.protocol.RedisCommands;

/**
 * Asks the queue's Redis how it is: {@code PING} time and {@code INFO} of its (first) master, and
 * {@code CLIENT LIST} of every master, counted by client name, which {@code RedisConnector} sets
 * for each fleet member ({@code docfleet-worker-<id>}, {@code docfleet-coordinator}...).
 */
final class RedisProbe {
  static final String UNNAMED = "(unnamed)";

  private final RedissonClient redis;
  private final RedisSettings.Mode mode;

  RedisProbe(RedissonClient redis, RedisSettings.Mode mode) {
    this.redis = redis;
    this.mode = mode;
  }

  /** What one look at the server found. */
  record Probe(double pingMillis, RedisInfo info, int masters, Map<String, Integer> connections) {}

  Probe probe() {
    List<? extends RedisNode> masters = masters();
    RedisNode first = masters.get(0);
    long start = System.nanoTime();
    boolean answered = first.ping(2, TimeUnit.SECONDS);
    double pingMillis = (System.nanoTime() - start) / 1e6;
    if (!answered) {
      throw new IllegalStateException("Redis did not answer PING within 2 s");
    }
    RedisInfo info = RedisInfo.of(first.info(RedisNode.InfoSection.ALL));
    return new Probe(pingMillis, info, masters.size(), connectionsByName());
  }

  /** True when every master answers PING within 2 s. */
  boolean ping() {
    return masters().stream().allMatch(node -> node.ping(2, TimeUnit.SECONDS));
  }

  private List<? extends RedisNode> masters() {
    return switch (mode) {
      case SINGLE -> List.of(redis.getRedisNodes(RedisNodes.SINGLE).getInstance());
      case SENTINEL -> List.of(redis.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE).getMaster());
      case CLUSTER -> new ArrayList<>(redis.getRedisNodes(RedisNodes.CLUSTER).getMasters());
    };
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
        for (String line : reply.get(2, TimeUnit.SECONDS)) {
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
