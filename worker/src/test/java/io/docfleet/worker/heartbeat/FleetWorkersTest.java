package io.docfleet.worker.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.Concurrency;
import io.docfleet.coordination.FleetWorkers;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The coordinator's list of workers: live ones as their heartbeat says, expired ones lost. */
class FleetWorkersTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("fleetworkers");

  private final SettableClock clock = new SettableClock();
  private String prefix;
  private FleetContext fleet;

  @BeforeEach
  void setUp() {
    prefix = redis.prefix();
    fleet = redis.context(clock);
  }

  private Heartbeat aWorker(String id, List<String> types, WorkerCounters counters) {
    WorkerRegistration registration =
        new WorkerRegistration(
            id, "host-1", 42, types, new Concurrency(4, Map.of("ocr", 2)), clock.instant());
    return new Heartbeat(
        fleet, registration, Duration.ofSeconds(5), Duration.ofSeconds(15), () -> counters);
  }

  @Test
  void listsEveryRegisteredWorkerWithItsHeartbeatAgeAndCounts() {
    assertThat(new FleetWorkers(fleet).list()).isEmpty();
    aWorker("w1", List.of("ocr", "noop"), new WorkerCounters(7, 1, 2)).beat();
    clock.advance(Duration.ofSeconds(3));

    List<WorkerInfo> workers = new FleetWorkers(fleet).list();

    assertThat(workers).hasSize(1);
    WorkerInfo w1 = workers.get(0);
    assertThat(w1.id()).isEqualTo("w1");
    assertThat(w1.host()).isEqualTo("host-1");
    assertThat(w1.pid()).isEqualTo(42);
    assertThat(w1.capabilities()).containsExactly("ocr", "noop");
    assertThat(w1.concurrency()).isEqualTo("ocr=2,noop=4");
    assertThat(w1.status()).isEqualTo("active");
    assertThat(w1.isLost()).isFalse();
    assertThat(w1.heartbeatAge()).contains(Duration.ofSeconds(3));
    assertThat(w1.startedAt()).isPresent();
    assertThat(w1.completed()).isEqualTo(7);
    assertThat(w1.failed()).isEqualTo(1);
    assertThat(w1.inFlight()).isEqualTo(2);
  }

  @Test
  void aWorkerWhoseRegistrationExpiredIsLostUntilReaped() {
    fleet.redis().getSet(fleet.keys().workersIndex()).add("gone");

    WorkerInfo gone = new FleetWorkers(fleet).list().get(0);

    assertThat(gone.status()).isEqualTo(WorkerInfo.LOST);
    assertThat(gone.isLost()).isTrue();
    assertThat(gone.heartbeatAge()).isEmpty();
  }

  @Test
  void oddValuesAreReadLeniently() {
    fleet.redis().getSet(fleet.keys().workersIndex()).add("odd");
    fleet
        .redis()
        .getMap(fleet.keys().worker("odd"))
        .putAll(Map.of("pid", "x", "last_heartbeat", Long.toString(clock.millis() + 5000)));

    WorkerInfo odd = new FleetWorkers(fleet).list().get(0);

    assertThat(odd.pid()).isZero();
    assertThat(odd.capabilities()).isEmpty();
    assertThat(odd.heartbeatAge()).isEqualTo(Optional.of(Duration.ZERO));
    assertThat(odd.status()).isEqualTo("active");
  }
}
