package io.docfleet.tools.bench;

import io.docfleet.config.Env;
import io.docfleet.config.RedisSettings;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.localservers.PrivateRedisCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Redis a benchmark runs against: a private {@code redis-server} on a free loopback port (the
 * default), a private three-primary cluster ({@code --cluster}), or the one at {@code --redis-url},
 * shared with others. Tells the workers how to reach it and names the servers whose counters the
 * benchmark reads. Lifecycle: {@link #open}; {@link #close} stops what it started.
 */
final class BenchRedis implements AutoCloseable {
  private final Map<String, String> env;
  private final List<RedisSettings> nodes;
  private final String description;
  private final AutoCloseable started;

  private BenchRedis(
      Map<String, String> env,
      List<RedisSettings> nodes,
      String description,
      AutoCloseable started) {
    this.env = Map.copyOf(env);
    this.nodes = List.copyOf(nodes);
    this.description = description;
    this.started = started;
  }

  static BenchRedis open(BenchOptions options) {
    return open(options.redisUrl(), options.cluster());
  }

  /** A private cluster when asked, else the Redis at {@code redisUrl}, else a private server. */
  static BenchRedis open(Optional<String> redisUrl, boolean startCluster) {
    if (startCluster) {
      PrivateRedisCluster cluster = PrivateRedisCluster.start();
      return new BenchRedis(
          cluster.env(),
          cluster.urls().stream().map(BenchRedis::single).toList(),
          "private cluster of "
              + PrivateRedisCluster.PRIMARIES
              + " primaries on "
              + cluster.nodes(),
          cluster);
    }
    if (redisUrl.isPresent()) {
      String url = redisUrl.get();
      return new BenchRedis(Map.of("REDIS_URL", url), List.of(single(url)), "at " + url, null);
    }
    LocalRedis server = LocalRedis.startPrivate();
    return new BenchRedis(
        Map.of("REDIS_URL", server.url()),
        List.of(single(server.url())),
        "private on " + server.url(),
        server);
  }

  private static RedisSettings single(String url) {
    return RedisSettings.fromEnv(new Env(Map.of("REDIS_URL", url)));
  }

  /** The REDIS_* variables a worker needs to reach this Redis. */
  Map<String, String> env() {
    return env;
  }

  /** The settings of a client of this Redis (cluster mode on a cluster). */
  RedisSettings settings() {
    return RedisSettings.fromEnv(new Env(env));
  }

  /** The servers to watch: the one Redis, or each primary. */
  List<RedisSettings> nodes() {
    return nodes;
  }

  /** True when others use this Redis too, so the benchmark removes its keys at the end. */
  boolean shared() {
    return started == null;
  }

  /** How the report names it, after the version: "private on redis://...". */
  String description() {
    return description;
  }

  @Override
  public void close() {
    if (started != null) {
      try {
        started.close();
      } catch (Exception e) {
        System.err.println("bench-queue: could not stop the private Redis: " + e);
      }
    }
  }
}
