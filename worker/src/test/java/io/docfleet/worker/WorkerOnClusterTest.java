package io.docfleet.worker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.TestRedis;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;

/** Claim, run, retry and dead-letter on a three-primary Redis Cluster: every WorkerTest case. */
class WorkerOnClusterTest extends WorkerTest {
  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @Override
  FleetContext context(String prefix, Clock clock) {
    return new FleetContext(
        TestRedis.clusterClient(), new RedisKeys(prefix), new TaskCodec(), clock);
  }
}
