package io.docfleet.worker.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.queue.TaskCodec;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.testing.LocalRedisCluster;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.redisson.api.RedissonClient;

/**
 * The worker's run guarantees on a three-primary Redis Cluster, where a task's lock, its record and
 * its queue are in different hash slots (so on different servers), and every step of a run is
 * grouped by slot: the same tests as on a single Redis, and no CROSSSLOT error anywhere.
 */
class WorkerRunsTasksOnClusterTest extends WorkerRunsTasksTest {
  private static LocalRedisCluster cluster;
  private static RedissonClient redis;

  @BeforeAll
  static void startCluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
    cluster = LocalRedisCluster.start();
    redis = cluster.connect();
  }

  @AfterAll
  static void stopCluster() {
    if (redis != null) {
      redis.shutdown();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  FleetContext context(String prefix) {
    return new FleetContext(redis, new RedisKeys(prefix), new TaskCodec(), Clock.systemUTC());
  }
}
