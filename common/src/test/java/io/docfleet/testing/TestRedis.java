package io.docfleet.testing;

import io.docfleet.config.Env;
import io.docfleet.config.RedisSettings;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.PrefixKeys;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The Redis the tests use, found the way the demo finds it: {@code REDIS_URL} (default {@code
 * redis://127.0.0.1:6379}) when it answers, else a server started for this test run. Each test
 * class isolates its keys under a prefix of its own and removes them when done.
 */
public final class TestRedis {
  private static LocalRedis server;
  private static RedissonClient client;
  private static RedissonClient clusterClient;

  private TestRedis() {}

  /** The URL of the shared test Redis, starting one when nothing answers. */
  public static synchronized String url() {
    if (server == null) {
      String url = System.getenv().getOrDefault("REDIS_URL", RedisSettings.DEFAULT_URL);
      server = LocalRedis.findOrStart(url);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server.url();
  }

  /** A client shared by the tests of this JVM. */
  public static synchronized RedissonClient client() {
    if (client == null) {
      client = connect(url());
      Runtime.getRuntime().addShutdownHook(new Thread(client::shutdown));
    }
    return client;
  }

  /**
   * A client of the Redis Cluster the tests of this JVM share ({@link LocalRedisCluster#shared}),
   * shut down before the cluster stops.
   */
  public static synchronized RedissonClient clusterClient() {
    if (clusterClient == null) {
      LocalRedisCluster cluster = LocalRedisCluster.shared();
      clusterClient = connect(cluster.env());
      cluster.closeFirst(clusterClient::shutdown);
    }
    return clusterClient;
  }

  /** A new client for the Redis at {@code url}; the caller shuts it down. */
  public static RedissonClient connect(String url) {
    return connect(Map.of("REDIS_URL", url));
  }

  /**
   * A new client for the Redis that the {@code REDIS_*} variables {@code env} describe (a cluster's
   * or sentinels' {@code env()}); the caller shuts it down.
   */
  public static RedissonClient connect(Map<String, String> env) {
    return RedisConnector.connect(RedisSettings.fromEnv(new Env(env)), "docfleet-test");
  }

  /**
   * A new client for the single Redis at {@code url} that gives up on a command within 300 ms and
   * never retries, for tests that stop that Redis and watch what fails; the caller shuts it down.
   */
  public static RedissonClient impatientClient(String url, String name) {
    Config config =
        RedisConnector.config(RedisSettings.fromEnv(new Env(Map.of("REDIS_URL", url))), name);
    config.useSingleServer().setTimeout(300).setRetryAttempts(0).setConnectTimeout(300);
    return Redisson.create(config);
  }

  /**
   * The extension that gives each test of a class a key prefix of its own on the shared Redis and
   * deletes its keys: {@code @RegisterExtension static final TestRedisPrefix redis =
   * TestRedis.prefixed("queue");}
   */
  public static TestRedisPrefix prefixed(String name) {
    return new TestRedisPrefix(name, TestRedis::client);
  }

  /** As {@link #prefixed}, on the Redis Cluster the tests of this JVM share. */
  public static TestRedisPrefix onCluster(String name) {
    return new TestRedisPrefix(name, TestRedis::clusterClient);
  }

  /** A key prefix no other test uses. */
  public static String uniquePrefix(String name) {
    return "test:" + name + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  /** A fleet context on the shared client with its own key prefix. */
  public static FleetContext context(String prefix, Clock clock) {
    return new FleetContext(client(), new RedisKeys(prefix), new TaskCodec(), clock);
  }

  /** Removes every key of a prefix, tagged or not; returns how many. */
  public static long deleteKeys(RedissonClient redis, String prefix) {
    return PrefixKeys.deleteAll(redis, new RedisKeys(prefix));
  }
}
