package io.docfleet.worker.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.Concurrency;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HeartbeatTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("heartbeat");

  private static final Duration TTL = Duration.ofSeconds(15);

  private final SettableClock clock = new SettableClock();
  private String prefix;
  private FleetContext fleet;
  private Heartbeat heartbeat;

  @BeforeEach
  void setUp() {
    prefix = redis.prefix();
    fleet = redis.context(clock);
    WorkerRegistration registration =
        new WorkerRegistration(
            "w1",
            "host-a",
            4242,
            List.of("ocr", "entities"),
            new Concurrency(8, Map.of("ocr", 2)),
            clock.instant());
    heartbeat =
        new Heartbeat(
            fleet, registration, Duration.ofSeconds(5), TTL, () -> new WorkerCounters(10, 2, 3));
  }

  @AfterEach
  void tearDown() {
    heartbeat.close();
  }

  private Map<String, String> registration() {
    return fleet.redis().<String, String>getMap(fleet.keys().worker("w1")).readAllMap();
  }

  @Test
  void registersTheWorkerWithEveryFieldAndATtl() {
    heartbeat.beat();

    assertThat(registration())
        .containsEntry("id", "w1")
        .containsEntry("host", "host-a")
        .containsEntry("pid", "4242")
        .containsEntry("capabilities", "ocr,entities")
        .containsEntry("concurrency", "ocr=2,entities=8")
        .containsEntry("status", "active")
        .containsEntry("started_at", Long.toString(clock.millis()))
        .containsEntry("last_heartbeat", Long.toString(clock.millis()))
        .containsEntry("tasks_completed", "10")
        .containsEntry("tasks_failed", "2")
        .containsEntry("in_flight", "3")
        .containsEntry("protocol", "3");
    assertThat(registration().get("version"))
        .as("the build's project version, filled in by common's resource filtering")
        .matches("\\d+\\.\\d+\\.\\d+.*");
    long ttl = fleet.redis().getMap(fleet.keys().worker("w1")).remainTimeToLive();
    assertThat(ttl).isBetween(TTL.toMillis() - 2_000, TTL.toMillis());
    assertThat(fleet.redis().getSet(fleet.keys().workersIndex()).contains("w1")).isTrue();
    assertThat(fleet.redis().<String>getSet(fleet.keys().queuesIndex()).readAll())
        .containsExactlyInAnyOrder("ocr", "entities");
  }

  @Test
  void isHealthyOnlyWhileTheLastGoodBeatIsYoungerThanTheTtl() {
    assertThat(heartbeat.isHealthy()).isFalse();
    heartbeat.beat();
    assertThat(heartbeat.isHealthy()).isTrue();
    assertThat(heartbeat.lastSuccess()).isEqualTo(clock.instant());

    clock.advance(TTL.minusMillis(1));
    assertThat(heartbeat.isHealthy()).isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(heartbeat.isHealthy()).isFalse();

    heartbeat.beat();
    assertThat(heartbeat.isHealthy()).isTrue();
  }

  @Test
  void startBeatsAtOnceAndDrainingIsAnnounced() {
    heartbeat.start();
    assertThat(registration()).containsEntry("status", "active");
    heartbeat.markDraining();
    assertThat(registration()).containsEntry("status", "draining");
  }

  @Test
  void deregisteringRemovesTheWorkerEverywhere() {
    heartbeat.beat();
    heartbeat.deregister();
    assertThat(registration()).isEmpty();
    assertThat(fleet.redis().getSet(fleet.keys().workersIndex()).contains("w1")).isFalse();
  }
}
