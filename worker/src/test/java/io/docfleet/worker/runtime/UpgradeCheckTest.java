package io.docfleet.worker.runtime;

import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.handler.HandlerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker of this version does not start while a worker of the older run protocol is alive (their
 * runs would not see each other's), and returns what a dead older worker left in flight.
 */
class UpgradeCheckTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("upgrade");

  private FleetContext fleet;
  private Worker worker;

  @BeforeEach
  void setUp() {
    fleet = redis.context(Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.drain();
    }
  }

  private Worker newWorker(String id) {
    FleetConfig config =
        FleetConfig.fromEnv(
            new Env(
                Map.of(
                    "WORKER_ID",
                    id,
                    "WORKER_TASK_TYPES",
                    "noop",
                    "DOCFLEET_KEY_PREFIX",
                    redis.prefix(),
                    "REAPER_INTERVAL",
                    "100ms")));
    return new Worker(fleet, config, HandlerRegistry.withBuiltins());
  }

  /** A worker as the older version registers it: no protocol in its registration. */
  private void olderWorker(String id, boolean alive) {
    fleet.redis().getSet(fleet.keys().workersIndex()).add(id);
    if (alive) {
      fleet.redis().getMap(fleet.keys().worker(id)).putAll(Map.of("id", id, "host", "old-host"));
    }
  }

  @Test
  void aWorkerDoesNotStartWhileAnOlderWorkerIsAliveAndWritesNothing() {
    olderWorker("old", true);
    Worker refused = newWorker("new");

    assertThatThrownBy(refused::start)
        .isInstanceOf(UpgradeBlocked.class)
        .hasMessageContaining("worker old (host old-host) runs an older docfleet")
        .hasMessageContaining("README.md, Upgrading")
        .hasMessageNotContaining("\n");
    assertThat(fleet.redis().getMap(fleet.keys().worker("new")).isExists()).isFalse();
    assertThat(fleet.redis().getSet(fleet.keys().workersIndex()).contains("new")).isFalse();
  }

  @Test
  void aLiveWorkerOfTheProtocolBeforeGroupsBlocksToo() {
    fleet.redis().getSet(fleet.keys().workersIndex()).add("two");
    fleet
        .redis()
        .getMap(fleet.keys().worker("two"))
        .putAll(Map.of("id", "two", "host", "h2", "protocol", "2"));

    assertThatThrownBy(newWorker("new")::start)
        .isInstanceOf(UpgradeBlocked.class)
        .hasMessageContaining("worker two (host h2) runs an older docfleet");
  }

  @Test
  void aWorkerOfThisVersionDoesNotBlockAnother() {
    worker = newWorker("first");
    worker.start();

    Worker second = newWorker("second");
    second.start();
    second.drain();

    assertThat(fleet.redis().getMap(fleet.keys().worker("first")).get("protocol")).isEqualTo("3");
  }

  @Test
  void whatADeadOlderWorkerLeftInFlightIsReturnedAndRuns() {
    olderWorker("old", false);
    fleet.redis().getSet(fleet.keys().queuesIndex()).add("noop");
    fleet
        .redis()
        .getList(fleet.keys().legacy().inFlight("noop", "old"))
        .add(fleet.codec().encode(aTask("left")));
    fleet
        .redis()
        .getList(fleet.keys().legacy().inFlight("noop", "new"))
        .add(fleet.codec().encode(aTask("mine")));

    worker = newWorker("new");
    worker.start();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                new QueueInspector(fleet).stats("noop").counter(QueueCounter.COMPLETED) == 2
                    && !fleet.redis().getSet(fleet.keys().workersIndex()).contains("old"));
    assertThat(new QueueInspector(fleet).stats("noop").counter(QueueCounter.RETURNED)).isEqualTo(2);
  }
}
