package io.docfleet.worker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import org.junit.jupiter.api.BeforeAll;

/**
 * SIGKILL of a worker JVM on a three-primary Redis Cluster: the reaper, the locks it force-unlocks
 * and the queues they go back to are on different servers, and still nothing is lost or run twice.
 */
@SlowTest
class WorkerKillOnClusterTest extends WorkerKillTest {
  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @Override
  TestFleet fleet(String name) {
    return TestFleet.onCluster(LocalRedisCluster.shared(), TestRedis.clusterClient(), name);
  }
}
