package io.docfleet.queue;

import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.LocalRedisSentinel;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Submits while the primary behind the sentinels dies: a submit fails while there is no primary
 * (its caller sends it again), and once the replica is promoted the submits go through without
 * waiting on it (a new primary has no replica of its own), so no submit costs the whole
 * acknowledgement timeout.
 */
@SlowTest
class SubmitDuringFailoverTest {
  private LocalRedisSentinel sentinel;
  private RedissonClient client;

  @BeforeEach
  void start() {
    assumeThat(LocalRedisSentinel.available()).as("redis-server and redis-cli installed").isTrue();
    sentinel = LocalRedisSentinel.start();
    client = TestRedis.connect(sentinel.env());
  }

  @AfterEach
  void stop() {
    if (sentinel != null) {
      client.shutdown();
      sentinel.close();
    }
  }

  @Test
  void submitsFailWhileThereIsNoPrimaryAndThenGoOnWithoutWaiting() {
    FleetContext fleet =
        new FleetContext(
            client,
            new RedisKeys(TestRedis.uniquePrefix("submit-failover")),
            new TaskCodec(),
            Clock.systemUTC());
    TaskSubmitter submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    submitter.submit(aTask("before"));
    assertThat(submitter.replicaAcks().lastReplicaCount()).isEqualTo(1);

    sentinel.killPrimary();
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              try {
                submitter.submit(aTask("after-" + attempts.incrementAndGet()));
                return true;
              } catch (RuntimeException e) {
                failed.incrementAndGet();
                return false;
              }
            });

    assertThat(failed.get()).as("submits that failed while there was no primary").isPositive();
    assertThat(submitter.replicaAcks().lastReplicaCount()).as("replicas of the new one").isZero();
    assertThat(submitter.replicaAcks().shortfalls()).as("waits that timed out").isZero();
    assertThat(sentinel.currentPrimaryPort()).isEqualTo(sentinel.replicaPort());
    assertThat(client.getList(fleet.keys().ready("noop")).readAll())
        .as("the task acknowledged before the kill, and the one accepted after")
        .hasSize(2);
  }
}
