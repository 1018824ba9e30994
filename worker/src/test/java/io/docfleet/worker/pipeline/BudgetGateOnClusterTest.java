package io.docfleet.worker.pipeline;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The budget's check on a three-primary Redis Cluster: its one batch names the spend counters and
 * the fleet's budgets (the hash tag {@code {spend}}) and the groups' settings (another slot), and
 * the run's calls it adds are read back in the same batch.
 */
@SlowTest
class BudgetGateOnClusterTest extends BudgetGateTest {
  @BeforeAll
  static void needsACluster() {
    assumeTrue(LocalRedisCluster.available(), "redis-server and redis-cli are not installed");
  }

  @RegisterExtension static final TestRedisPrefix cluster = TestRedis.onCluster("budget-gate");

  @Override
  TestRedisPrefix redis() {
    return cluster;
  }
}
