package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Claimed items that cannot run: the claim read another id than the task names, or none at all (a
 * run that stops without an end is {@link ClaimLoopTest}'s).
 */
class RunClaimedTaskTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("run-claimed");

  private static final Duration WAIT = Duration.ofSeconds(30);

  private FleetContext fleet;
  private final AtomicInteger runs = new AtomicInteger();
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

  private void startWorker(TaskHandler handler) {
    worker = TestWorkers.started(fleet, "odd", handler, Map.of());
  }

  private void push(String item) {
    fleet.redis().getList(fleet.keys().ready("odd")).add(item);
  }

  private QueueStats stats() {
    return new QueueInspector(fleet).stats("odd");
  }

  private DeadLetter onlyDeadLetter() {
    String json = fleet.redis().<String>getList(fleet.keys().dead("odd")).get(0);
    return DeadLetter.fromJson(fleet.codec(), json);
  }

  @Test
  void anItemThatNamesTwoIdsIsDeadLetteredWithTheLockItsClaimTookReleased() {
    startWorker(task -> counted());

    push("{\"v\":1,\"id\":\"first\",\"type\":\"odd\",\"id\":\"second\"}");

    await().atMost(WAIT).until(() -> stats().dead() == 1);
    assertThat(runs).hasValue(0);
    assertThat(onlyDeadLetter().error()).isEqualTo("malformed task: it names more than one id");
    assertThat(new TaskAssignments(fleet).read("odd", "first")).containsEntry("status", "dead");
    assertThat(fleet.redis().getKeys().countExists(fleet.keys().runs().lock("odd", "first")))
        .isZero();
    assertThat(stats().inFlight()).isZero();
  }

  @Test
  void anItemWhoseIdOnlyTheCodecCanReadIsDeadLetteredWithoutALockOrARecord() {
    startWorker(task -> counted());

    push("{\"id\":123456789012345678901,\"type\":\"odd\"}");

    await().atMost(WAIT).until(() -> stats().dead() == 1);
    assertThat(runs).hasValue(0);
    assertThat(onlyDeadLetter().error()).isEqualTo("malformed task: its id cannot be read");
    assertThat(fleet.redis().getMap(fleet.keys().runs().assignments("odd")).isExists()).isFalse();
    assertThat(stats().counter(QueueCounter.FAILED)).isZero();
  }

  @Test
  void anItemWithAnUnknownPriorityIsDeadLetteredWithTheReasonNotRunAsNormal() {
    startWorker(task -> counted());

    push("{\"v\":1,\"id\":\"p\",\"type\":\"odd\",\"priority\":\"urgent\"}");

    await().atMost(WAIT).until(() -> stats().dead() == 1);
    assertThat(runs).hasValue(0);
    assertThat(onlyDeadLetter().error())
        .isEqualTo("malformed task: field 'priority' must be high, normal or low");
  }

  private TaskOutcome counted() {
    runs.incrementAndGet();
    return TaskOutcome.succeeded();
  }
}
