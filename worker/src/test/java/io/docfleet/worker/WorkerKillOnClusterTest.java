package io.docfleet.worker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.testing.LocalRedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.redisson.api.RedissonClient;

/**
 * SIGKILL of a worker JVM on a three-primary Redis Cluster: the reaper, the locks it force-unlocks
 * and the queues they go back to are on different servers, and still nothing is lost or run twice.
 */
class WorkerKillOnClusterTest extends WorkerKillTest {
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
  TestFleet fleet(String name) {
    return TestFleet.onCluster(cluster, redis, name);
  }
}
