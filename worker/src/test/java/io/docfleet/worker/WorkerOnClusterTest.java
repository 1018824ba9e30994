package io.docfleet.worker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Claim, run, retry and dead-letter on a three-primary Redis Cluster: every WorkerTest case. */
@SlowTest
class WorkerOnClusterTest extends WorkerTest {
  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @RegisterExtension static final TestRedisPrefix cluster = TestRedis.onCluster("worker");

  @Override
  TestRedisPrefix redis() {
    return cluster;
  }
}
