package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueuePauses;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A worker's claim loop through what goes wrong around it: a paused type, a Redis that answers a
 * claim with an error, a run that dies of an error the JVM cannot recover from. With one slot, a
 * slot the loop failed to release would stop the worker for good, so each test ends with a task run
 * to completion.
 */
class ClaimLoopTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("claim-loop");

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final FleetContext fleet = redis.context(Clock.systemUTC());
  private final AtomicInteger runs = new AtomicInteger();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ClaimLoop.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Worker worker;

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.drain();
    }
    logger.detachAppender(logs);
  }

  private void startWorker(TaskHandler handler) {
    startWorker(handler, 1);
  }

  private void startWorker(TaskHandler handler, int concurrency) {
    worker =
        TestWorkers.started(
            fleet, "noop", handler, Map.of("WORKER_CONCURRENCY", Integer.toString(concurrency)));
  }

  private TaskHandler counting() {
    return task -> {
      runs.incrementAndGet();
      return TaskOutcome.succeeded();
    };
  }

  private void submit(String taskId) {
    new TaskSubmitter(fleet, QueueSettings.defaults()).submit(Task.of(taskId, "noop", null));
  }

  private QueueStats stats() {
    return new QueueInspector(fleet).stats("noop");
  }

  private List<String> warnings() {
    return logs.list.stream()
        .filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void aPausedTypesTasksWaitInTheirQueueUntilItIsResumed() {
    QueuePauses pauses = new QueuePauses(fleet);
    pauses.pause("noop");
    submit("t0");

    startWorker(counting());

    // an idle loop that did not heed the pause would take the ready task at once with BLMOVE
    await()
        .during(Duration.ofSeconds(1))
        .atMost(WAIT)
        .until(() -> stats().ready() == 1 && runs.get() == 0);
    pauses.resume("noop");
    await().atMost(WAIT).until(() -> stats().counter(QueueCounter.COMPLETED) == 1);
    assertThat(runs).hasValue(1);
  }

  @Test
  void concurrencyBoundsTheHandlersRunningAtOnceAndTheClaimsTakeNoMore() throws Exception {
    Semaphore gate = new Semaphore(0);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    for (int i = 0; i < 10; i++) {
      submit("t" + i);
    }
    startWorker(
        task -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          gate.acquire();
          running.decrementAndGet();
          runs.incrementAndGet();
          return TaskOutcome.succeeded();
        },
        3);

    await().atMost(WAIT).until(() -> running.get() == 3);
    assertThat(stats().inFlight()).as("claimed only for the free slots").isEqualTo(3);
    assertThat(stats().ready()).isEqualTo(7);
    for (int released = 0; released < 10; released++) {
      gate.release();
    }
    await().atMost(WAIT).until(() -> stats().counter(QueueCounter.COMPLETED) == 10);
    assertThat(runs).hasValue(10);
    assertThat(most).as("handlers at once").hasValue(3);
  }

  @Test
  void aClaimThatRedisAnswersWithAnErrorIsTriedAgainUntilItWorks() {
    String inFlight = fleet.keys().inFlight("noop", TestWorkers.workerId(fleet));
    // a key of the wrong type: every claim that would move a task into it fails with WRONGTYPE
    fleet.redis().getBucket(inFlight).set("not a list");
    startWorker(counting());
    submit("t0");

    await()
        .atMost(WAIT)
        .until(() -> warnings().stream().anyMatch(line -> line.startsWith("claiming noop failed")));
    assertThat(fleet.redis().getList(fleet.keys().ready("noop")).size())
        .as("the task stays in its queue")
        .isEqualTo(1);
    fleet.redis().getBucket(inFlight).delete();

    await().atMost(WAIT).until(() -> stats().counter(QueueCounter.COMPLETED) == 1);
    assertThat(runs).hasValue(1);
    assertThat(warnings())
        .as("one warning for the whole failing stretch")
        .filteredOn(line -> line.startsWith("claiming noop failed"))
        .hasSize(1);
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains("claiming noop works again");
  }

  @Test
  void aRunKilledByAnErrorTheJvmCannotRecoverFromLeavesItsTaskToTheOrphanSweep() {
    startWorker(
        task -> {
          if (runs.incrementAndGet() == 1) {
            throw new StackOverflowError("deep recursion in a parser");
          }
          return TaskOutcome.succeeded();
        });

    submit("t0");

    await().atMost(WAIT).until(() -> stats().counter(QueueCounter.COMPLETED) == 1);
    assertThat(runs).as("run again once returned").hasValue(2);
    assertThat(worker.stats().returned()).isOne();
    assertThat(worker.stats().failed()).as("no failure the policy saw").isZero();
    assertThat(worker.stats().snapshot().inFlight()).isZero();
    assertThat(stats().counter(QueueCounter.RETURNED)).isOne();
    assertThat(new TaskAssignments(fleet).read("t0"))
        .as("the killed run used an attempt")
        .containsEntry("status", "completed")
        .containsEntry("attempts", "2");
    assertThat(warnings())
        .anyMatch(line -> line.startsWith("a task of noop stopped before it ended"));
  }
}
