package io.docfleet.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator reads each {@code workers:<id>} record by its field names, the contract with the
 * worker's heartbeat (whose own test writes the records through the heartbeat itself).
 */
class WorkerRecordsTest {
  private final SettableClock clock = new SettableClock();
  private String prefix;
  private FleetContext fleet;

  @BeforeEach
  void setUp() {
    prefix = TestRedis.uniquePrefix("workerrecords");
    fleet = TestRedis.context(prefix, clock);
  }

  @AfterEach
  void tearDown() {
    TestRedis.deleteKeys(fleet.redis(), prefix);
  }

  @Test
  void aRecordIsReadFieldByFieldWithItsHeartbeatAge() {
    Instant started = clock.instant().minusSeconds(60);
    fleet.redis().getSet(fleet.keys().workersIndex()).add("w1");
    fleet
        .redis()
        .getMap(fleet.keys().worker("w1"))
        .putAll(
            Map.ofEntries(
                Map.entry("id", "w1"),
                Map.entry("host", "host-1"),
                Map.entry("pid", "42"),
                Map.entry("capabilities", "ocr,noop"),
                Map.entry("concurrency", "ocr=2,noop=4"),
                Map.entry("status", "draining"),
                Map.entry("started_at", Long.toString(started.toEpochMilli())),
                Map.entry("last_heartbeat", Long.toString(clock.millis() - 3000)),
                Map.entry("tasks_completed", "7"),
                Map.entry("tasks_failed", "1"),
                Map.entry("in_flight", "2"),
                Map.entry("http_port", "8081"),
                Map.entry("protocol", "2"),
                Map.entry("version", "0.1.0")));

    List<WorkerInfo> workers = new FleetWorkers(fleet).list();

    assertThat(workers)
        .containsExactly(
            new WorkerInfo(
                "w1",
                "host-1",
                42,
                List.of("ocr", "noop"),
                "ocr=2,noop=4",
                "draining",
                Optional.of(started),
                Optional.of(Instant.ofEpochMilli(clock.millis() - 3000)),
                Optional.of(Duration.ofSeconds(3)),
                2,
                7,
                1,
                OptionalInt.of(8081),
                2,
                "0.1.0"));
    assertThat(workers.get(0).serves("ocr")).as("a draining worker still serves").isTrue();
    assertThat(workers.get(0).serves("entities")).isFalse();
  }

  @Test
  void workersAreListedByIdAndAnExpiredRecordIsLost() {
    fleet.redis().getSet(fleet.keys().workersIndex()).addAll(List.of("w2", "w1"));
    fleet.redis().getMap(fleet.keys().worker("w2")).put("status", "active");

    List<WorkerInfo> workers = new FleetWorkers(fleet).list();

    assertThat(workers).extracting(WorkerInfo::id).containsExactly("w1", "w2");
    assertThat(workers.get(0).isLost()).isTrue();
    assertThat(workers.get(1).isLost()).isFalse();
    assertThat(workers.get(1).httpPort()).isEmpty();
  }

  @Test
  void oneWorkerIsFoundWhileItsIdOrItsRecordIsLeft() {
    fleet.redis().getMap(fleet.keys().worker("w1")).put("host", "host-1");
    fleet.redis().getSet(fleet.keys().workersIndex()).add("w-gone");

    FleetWorkers workers = new FleetWorkers(fleet);

    assertThat(workers.find("w1").map(WorkerInfo::host)).contains("host-1");
    assertThat(workers.find("w-gone").map(WorkerInfo::isLost)).contains(true);
    assertThat(workers.find("nobody")).isEmpty();
  }
}
