package io.docfleet.worker.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.TestRedis;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;

/**
 * The worker's run guarantees on a three-primary Redis Cluster, where a task's lock, its record and
 * its queue are in different hash slots (so on different servers), and every step of a run is
 * grouped by slot: the same tests as on a single Redis, and no CROSSSLOT error anywhere.
 */
class WorkerRunsTasksOnClusterTest extends WorkerRunsTasksTest {
  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @Override
  FleetContext context(String prefix) {
    return new FleetContext(
        TestRedis.clusterClient(), new RedisKeys(prefix), new TaskCodec(), Clock.systemUTC());
  }
}
