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
  private FleetContext ctx;

  @BeforeEach
  void setUp() {
    prefix = TestRedis.uniquePrefix("workerrecords");
    ctx = TestRedis.context(prefix, clock);
  }

  @AfterEach
  void tearDown() {
    TestRedis.deleteKeys(ctx.redis(), prefix);
  }

  @Test
  void aRecordIsReadFieldByFieldWithItsHeartbeatAge() {
    Instant started = clock.instant().minusSeconds(60);
    ctx.redis().getSet(ctx.keys().workersIndex()).add("w1");
    ctx.redis()
        .getMap(ctx.keys().worker("w1"))
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
                Map.entry("http_port", "8081")));

    List<WorkerInfo> workers = new FleetWorkers(ctx).list();

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
                OptionalInt.of(8081)));
  }

  @Test
  void workersAreListedByIdAndAnExpiredRecordIsLost() {
    ctx.redis().getSet(ctx.keys().workersIndex()).addAll(List.of("w2", "w1"));
    ctx.redis().getMap(ctx.keys().worker("w2")).put("status", "active");

    List<WorkerInfo> workers = new FleetWorkers(ctx).list();

    assertThat(workers).extracting(WorkerInfo::id).containsExactly("w1", "w2");
    assertThat(workers.get(0).isLost()).isTrue();
    assertThat(workers.get(1).isLost()).isFalse();
    assertThat(workers.get(1).httpPort()).isEmpty();
  }
}
