package io.docfleet.worker.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import org.junit.jupiter.api.BeforeAll;
import org.redisson.api.RedissonClient;

/**
 * The same count on a three-primary Redis Cluster, summed over the primaries: a run's keys share
 * its queue's slot, so a task costs exactly what it costs on a single Redis.
 */
@SlowTest
class CommandsPerTaskOnClusterTest extends CommandsPerTaskTest {
  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
    LocalRedisCluster.shared();
  }

  @Override
  RedissonClient redis() {
    return TestRedis.clusterClient();
  }

  @Override
  String topology() {
    return "a three-primary cluster";
  }
}
