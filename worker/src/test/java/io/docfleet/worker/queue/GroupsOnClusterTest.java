package io.docfleet.worker.queue;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The groups' tests on a three-primary Redis Cluster: every key the groups' scripts name for
 * themselves (group lists, running sets, rings, owed turns, limits) is in the queue's hash slot, so
 * no script meets a CROSSSLOT error.
 */
@SlowTest
class GroupsOnClusterTest extends GroupsTest {
  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @RegisterExtension static final TestRedisPrefix cluster = TestRedis.onCluster("groups");

  @Override
  TestRedisPrefix redis() {
    return cluster;
  }
}
