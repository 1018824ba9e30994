package io.docfleet.worker.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The worker's run guarantees on a three-primary Redis Cluster, where a task's lock, its record and
 * its queue are in different hash slots (so on different servers), and every step of a run is
 * grouped by slot: the same tests as on a single Redis, and no CROSSSLOT error anywhere.
 */
@SlowTest
class WorkerRunsTasksOnClusterTest extends WorkerRunsTasksTest {
  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @RegisterExtension static final TestRedisPrefix cluster = TestRedis.onCluster("worker-runs");

  @Override
  TestRedisPrefix redis() {
    return cluster;
  }
}
