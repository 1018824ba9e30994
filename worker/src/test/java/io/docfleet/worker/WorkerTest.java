package io.docfleet.worker;

import static io.docfleet.testing.Tasks.aTask;
import static io.docfleet.testing.Tasks.tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.handler.PermanentTaskException;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.runtime.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A whole worker, in this JVM, against the real Redis: claim, run, retry, dead-letter. {@link
 * WorkerOnClusterTest} runs the same tests on a Redis Cluster.
 */
@SlowTest
class WorkerTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("worker");

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final SettableClock clock = new SettableClock();
  private final List<Worker> workers = new ArrayList<>();
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private String prefix;
  private FleetContext fleet;
  private TaskSubmitter submitter;
  private QueueInspector inspector;

  @BeforeEach
  void setUp() {
    prefix = redis().prefix();
    fleet = redis().context(clock);
    inspector = new QueueInspector(fleet);
    submitter = new TaskSubmitter(fleet, config("w0", Map.of()).queue());
  }

  /** The Redis the tests run on, with the test's key prefix: the shared single one here. */
  TestRedisPrefix redis() {
    return redis;
  }

  @AfterEach
  void tearDown() {
    workers.forEach(Worker::drain);
  }

  private FleetConfig config(String workerId, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("WORKER_ID", workerId);
    env.put("DOCFLEET_KEY_PREFIX", prefix);
    env.put("HEARTBEAT_INTERVAL", "1h");
    env.put("WORKER_TTL", "3h");
    env.put("REAPER_INTERVAL", "1h");
    env.put("DELAYED_POLL_INTERVAL", "20ms");
    env.put("RETRY_BACKOFF_BASE", "1s");
    env.put("RETRY_BACKOFF_MAX", "4s");
    env.put("SHUTDOWN_GRACE", "5s");
    env.putAll(overrides);
    return FleetConfig.fromEnv(new Env(env));
  }

  private Worker startWorker(String id, HandlerRegistry handlers, Map<String, String> env) {
    Worker worker = new Worker(fleet, config(id, env), handlers);
    workers.add(worker);
    worker.start();
    return worker;
  }

  private Worker startWorker(TaskHandler noop, String concurrency) {
    return startWorker(
        "w1",
        new HandlerRegistry().register("noop", noop),
        Map.of("WORKER_CONCURRENCY", concurrency));
  }

  private TaskHandler recording(TaskOutcome outcome) {
    return task -> {
      ran.add(task.id());
      return outcome;
    };
  }

  private QueueStats stats() {
    return inspector.stats("noop");
  }

  private void awaitCounter(QueueCounter counter, long value) {
    await().atMost(WAIT).until(() -> stats().counter(counter) >= value);
    assertThat(stats().counter(counter)).isEqualTo(value);
  }

  @Test
  void runsTasksOldestFirstAndCompletesEach() {
    submitter.submitAll(tasks("noop", "t", 20));
    startWorker(recording(TaskOutcome.succeeded()), "1");

    awaitCounter(QueueCounter.COMPLETED, 20);

    assertThat(ran)
        .containsExactlyElementsOf(tasks("noop", "t", 20).stream().map(Task::id).toList());
    QueueStats stats = stats();
    assertThat(stats.ready()).isZero();
    assertThat(stats.inFlight()).isZero();
    assertThat(new TaskAssignments(fleet).read("t-3"))
        .containsEntry("status", "completed")
        .containsEntry("worker", "w1")
        .containsEntry("attempts", "1");
  }

  @Test
  void retriesWithBackoffUntilTheTaskSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    startWorker(
        task ->
            calls.incrementAndGet() < 3
                ? new TaskOutcome.RetryLater("not yet")
                : TaskOutcome.succeeded(),
        "2");
    submitter.submit(aTask("flaky"));

    await().atMost(WAIT).until(() -> stats().delayed() == 1);
    // the lock went before the retry could be claimed: a claimer that finds a task locked drops
    // its copy as a duplicate, so a held lock here would lose the task
    assertThat(new TaskLocks(fleet).isLocked("noop", "flaky")).isFalse();
    clock.advance(Duration.ofSeconds(4));
    await()
        .atMost(WAIT)
        .until(() -> stats().counter(QueueCounter.RETRIED) == 2 && stats().delayed() == 1);
    clock.advance(Duration.ofSeconds(4));
    awaitCounter(QueueCounter.COMPLETED, 1);

    assertThat(calls).hasValue(3);
    assertThat(stats().counter(QueueCounter.FAILED)).isEqualTo(2);
    assertThat(new TaskAssignments(fleet).read("flaky"))
        .containsEntry("status", "completed")
        .containsEntry("attempts", "3")
        .containsEntry("last_error", "not yet");
  }

  @Test
  void aTaskThatKeepsFailingEndsInTheDeadLetterList() {
    startWorker(
        task -> {
          ran.add(task.id());
          throw new IllegalStateException("provider said 500");
        },
        "2");
    submitter.submit(aTask("doomed").withMaxAttempts(3));

    for (int i = 0; i < 2; i++) {
      int failures = i + 1;
      await().atMost(WAIT).until(() -> stats().counter(QueueCounter.RETRIED) == failures);
      clock.advance(Duration.ofSeconds(4));
    }
    awaitCounter(QueueCounter.DEAD_LETTERED, 1);

    assertThat(ran).containsExactly("doomed", "doomed", "doomed");
    DeadLetter entry = deadLetters().get(0);
    assertThat(entry.taskId()).isEqualTo("doomed");
    assertThat(entry.attempts()).isEqualTo(3);
    assertThat(entry.worker()).isEqualTo("w1");
    assertThat(entry.error())
        .contains("failed 3 of 3 attempts")
        .contains("IllegalStateException: provider said 500");
    assertThat(stats().inFlight()).isZero();
    assertThat(stats().delayed()).isZero();
  }

  @Test
  void aPermanentFailureIsDeadLetteredWithoutRetry() {
    startWorker(
        task -> {
          ran.add(task.id());
          throw new PermanentTaskException("unsupported media type image/tiff");
        },
        "2");
    submitter.submit(aTask("bad"));

    awaitCounter(QueueCounter.DEAD_LETTERED, 1);

    assertThat(ran).containsExactly("bad");
    assertThat(deadLetters().get(0).error()).contains("unsupported media type image/tiff");
    assertThat(stats().counter(QueueCounter.RETRIED)).isZero();
  }

  @Test
  void itemsThatAreNotTasksOrNameAnotherTypeAreDeadLetteredAndTheLoopCarriesOn() {
    startWorker(recording(TaskOutcome.succeeded()), "1");
    var ready = fleet.redis().<String>getList(fleet.keys().ready("noop"));
    ready.add(0, "definitely not json");
    ready.add(0, "{\"id\":\"x1\",\"type\":\"translate\",\"payload\":{}}");
    ready.add(0, "{\"type\":\"noop\"}");
    submitter.submit(aTask("good"));

    awaitCounter(QueueCounter.COMPLETED, 1);
    awaitCounter(QueueCounter.DEAD_LETTERED, 3);

    assertThat(ran).containsExactly("good");
    List<DeadLetter> dead = deadLetters();
    assertThat(dead)
        .extracting(DeadLetter::error)
        .anySatisfy(e -> assertThat(e).contains("malformed task: not valid JSON"))
        .anySatisfy(e -> assertThat(e).contains("no handler for task type 'translate'"))
        .anySatisfy(e -> assertThat(e).contains("'id' is required"));
    assertThat(dead).extracting(DeadLetter::raw).contains("definitely not json");
    assertThat(stats().counter(QueueCounter.FAILED)).isZero();
  }

  @Test
  void aTaskQueuedTwiceRunsOnceWhenTheCopiesRunAtTheSameTime() {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    TaskHandler slow =
        task -> {
          runs.computeIfAbsent(task.id(), id -> new AtomicInteger()).incrementAndGet();
          Thread.sleep(300);
          return TaskOutcome.succeeded();
        };
    String raw = fleet.codec().encode(aTask("twin"));
    var ready = fleet.redis().<String>getList(fleet.keys().ready("noop"));
    ready.add(0, raw);
    ready.add(0, raw);
    startWorker("w1", new HandlerRegistry().register("noop", slow), Map.of());
    startWorker("w2", new HandlerRegistry().register("noop", slow), Map.of());

    awaitCounter(QueueCounter.COMPLETED, 1);
    awaitCounter(QueueCounter.DUPLICATES, 1);

    assertThat(runs.get("twin")).hasValue(1);
    assertThat(stats().inFlight()).isZero();
  }

  @Test
  void aTaskQueuedAgainAfterItCompletedDoesNotRunAgain() {
    startWorker(recording(TaskOutcome.succeeded()), "1");
    submitter.submit(aTask("once"));
    awaitCounter(QueueCounter.COMPLETED, 1);

    fleet
        .redis()
        .<String>getList(fleet.keys().ready("noop"))
        .add(0, fleet.codec().encode(aTask("once")));
    awaitCounter(QueueCounter.DUPLICATES, 1);

    assertThat(ran).containsExactly("once");
    assertThat(stats().counter(QueueCounter.COMPLETED)).isEqualTo(1);
  }

  @Test
  void aBusyTypeDoesNotStarveAnother() {
    List<String> order = new CopyOnWriteArrayList<>();
    HandlerRegistry handlers =
        new HandlerRegistry()
            .register(
                "slow",
                task -> {
                  Thread.sleep(50);
                  order.add("slow");
                  return TaskOutcome.succeeded();
                })
            .register(
                "noop",
                task -> {
                  order.add("noop");
                  return TaskOutcome.succeeded();
                });
    submitter.submitAll(tasks("slow", "s", 100));
    startWorker("w1", handlers, Map.of("WORKER_CONCURRENCY", "1"));
    await().atMost(WAIT).until(() -> order.contains("slow"));
    submitter.submitAll(tasks("noop", "n", 10));

    awaitCounter(QueueCounter.COMPLETED, 10);

    assertThat(inspector.stats("slow").counter(QueueCounter.COMPLETED)).isLessThan(100);
  }

  @Test
  void refusesToServeATypeItHasNoHandlerFor() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new Worker(
                    fleet,
                    config("w1", Map.of("WORKER_TASK_TYPES", "ocr")),
                    HandlerRegistry.withBuiltins()))
        .hasMessageContaining("WORKER_TASK_TYPES")
        .hasMessageContaining("ocr");
  }

  @Test
  void drainingDeregistersTheWorker() {
    Worker worker = startWorker(recording(TaskOutcome.succeeded()), "1");
    assertThat(fleet.redis().getMap(fleet.keys().worker("w1")).isExists()).isTrue();

    worker.drain();

    assertThat(fleet.redis().getMap(fleet.keys().worker("w1")).isExists()).isFalse();
    assertThat(fleet.redis().getSet(fleet.keys().workersIndex()).contains("w1")).isFalse();
  }

  private List<DeadLetter> deadLetters() {
    return fleet.redis().<String>getList(fleet.keys().dead("noop")).readAll().stream()
        .map(json -> DeadLetter.fromJson(fleet.codec(), json))
        .toList();
  }
}
