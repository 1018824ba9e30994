package io.docfleet.api.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.api.TestCoordinator;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.redis.FleetContext;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.runtime.Worker;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/v1/queues/{type}/dead/retry} on the real coordinator, with an in-JVM worker
 * whose {@code flaky} tasks fail until they are fixed: a task dead-lettered after its last attempt,
 * once fixed and retried (by id, or with all the others), runs again from its first attempt and
 * completes, exactly once.
 */
class DeadLetterRetryTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int MAX_ATTEMPTS = 3;

  private final AtomicBoolean fixed = new AtomicBoolean();
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  private Worker worker;

  @BeforeEach
  void startAWorkerOfFlakyTasks() {
    api.reset();
    FleetConfig config =
        FleetConfig.fromEnv(
            new Env(
                Map.of(
                    "DOCFLEET_KEY_PREFIX", api.fleet().keys().prefix(),
                    "WORKER_ID", "w-flaky",
                    "WORKER_TASK_TYPES", "flaky",
                    "TASK_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS),
                    "RETRY_BACKOFF_BASE", "10ms",
                    "RETRY_BACKOFF_MAX", "10ms",
                    "DELAYED_POLL_INTERVAL", "50ms")));
    TaskHandler flaky =
        task -> {
          runs.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
          return fixed.get() ? TaskOutcome.succeeded() : new TaskOutcome.RetryLater("not yet");
        };
    FleetContext fleet =
        new FleetContext(
            api.fleet().redis(), api.fleet().keys(), api.fleet().codec(), Clock.systemUTC());
    worker = new Worker(fleet, config, new HandlerRegistry().register("flaky", flaky));
    worker.start();
  }

  @AfterEach
  void stopTheWorker() {
    worker.drain();
  }

  private long deadLetters() {
    return api.get("/api/v1/queues/flaky/dead").json().get("total").asLong();
  }

  private Map<String, String> record(String taskId) {
    return new TaskAssignments(api.fleet()).read(taskId);
  }

  private void awaitCompleted(String taskId) {
    await().atMost(WAIT).until(() -> "completed".equals(record(taskId).get("status")));
  }

  private int runsOf(String taskId) {
    return runs.get(taskId).get();
  }

  @Test
  void aFixedDeadTaskRetriedByIdOrWithAllTheOthersRunsAgainFromItsFirstAttemptAndCompletes() {
    api.post("/api/v1/tasks/flaky", "[{\"id\":\"by-id\"},{\"id\":\"with-all\"}]");
    await().atMost(WAIT).until(() -> deadLetters() == 2);
    assertThat(runsOf("by-id")).isEqualTo(MAX_ATTEMPTS);
    assertThat(runsOf("with-all")).isEqualTo(MAX_ATTEMPTS);

    fixed.set(true);
    assertThat(
            api.post("/api/v1/queues/flaky/dead/retry", "{\"ids\":[\"by-id\"]}")
                .json()
                .get("retried")
                .asInt())
        .isOne();
    awaitCompleted("by-id");
    assertThat(api.post("/api/v1/queues/flaky/dead/retry", "{}").json().get("retried").asInt())
        .isOne();
    awaitCompleted("with-all");

    for (String id : new String[] {"by-id", "with-all"}) {
      assertThat(runsOf(id)).as(id).isEqualTo(MAX_ATTEMPTS + 1);
      assertThat(record(id)).as(id).containsEntry("attempts", "1");
    }
    assertThat(deadLetters()).isZero();
    var stats = new QueueInspector(api.fleet()).stats("flaky");
    assertThat(stats.counter(QueueCounter.COMPLETED)).isEqualTo(2);
    assertThat(stats.counter(QueueCounter.DEAD_LETTERED)).isEqualTo(2);
    assertThat(stats.counter(QueueCounter.DEAD_RETRIED)).isEqualTo(2);
  }
}
