package io.docfleet.tools.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueueCounter;
import io.docfleet.redis.PrefixKeys;
import io.docfleet.redis.RedisKeys;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.tools.demo.DemoOutcome.WorkerTally;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the queue demo (`--queue`) end to end, reduced to 200 tasks, with two worker JVMs on the
 * test Redis.
 */
@SlowTest
class QueueDemoTest {
  private static final int MAX_ATTEMPTS = 3;

  @TempDir Path logs;

  @Test
  void twoWorkersCompleteEveryTaskButTheFailingOnesWhichEndDead() throws Exception {
    String prefix = TestRedis.uniquePrefix("demo");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoConsole console = new DemoConsole(new PrintStream(printed, true, UTF_8), false);
    DemoOptions options = new DemoOptions(200, 3, 2, Duration.ofMinutes(3), false, logs);

    DemoOutcome outcome;
    try (QueueDemo demo = new QueueDemo(options, environment(prefix), console)) {
      outcome = demo.run();
    }

    String transcript = printed.toString(UTF_8);
    DemoTasks tasks = outcome.tasks();
    assertThat(outcome.finished()).as(transcript).isTrue();
    assertThat(outcome.queue().counter(QueueCounter.COMPLETED)).as(transcript).isEqualTo(194);
    assertThat(outcome.queue().counter(QueueCounter.DEAD_LETTERED)).as(transcript).isEqualTo(6);
    assertThat(outcome.asExpected()).isTrue();
    assertThat(outcome.deadLetters())
        .allSatisfy(
            dead ->
                assertThat(dead.attempts())
                    .isEqualTo(tasks.retrying().contains(dead.taskId()) ? MAX_ATTEMPTS : 1))
        .extracting(DeadLetter::taskId)
        .containsExactlyInAnyOrderElementsOf(union(tasks));
    assertThat(outcome.workers())
        .extracting(WorkerTally::id)
        .containsExactly("worker-1", "worker-2");
    assertThat(outcome.workers())
        .as(transcript)
        .allSatisfy(worker -> assertThat(worker.completed() + worker.dead()).isPositive());
    assertThat(outcome.workers().stream().mapToLong(WorkerTally::completed).sum()).isEqualTo(194);
    assertThat(outcome.workers().stream().mapToLong(WorkerTally::dead).sum()).isEqualTo(6);
    assertThat(PrefixKeys.any(TestRedis.client(), new RedisKeys(prefix)))
        .as("the run's keys are removed at the end")
        .isFalse();
    assertThat(transcript).contains("what each worker did", "dead-letter list (6 entries");
  }

  private static Map<String, String> environment(String prefix) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("REDIS_URL", TestRedis.url());
    env.put("DOCFLEET_KEY_PREFIX", prefix);
    env.put("TASK_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS));
    // The fleet's default backoff, not the demo's shorter one: a retry that comes due before its
    // worker has released the task's lock is dropped as a duplicate (a race of RunClaimedTask,
    // seen under heavy load with a 217 ms backoff); this test is about the demo, not that race.
    env.put("RETRY_BACKOFF_BASE", "1s");
    return env;
  }

  private static java.util.Set<String> union(DemoTasks tasks) {
    java.util.Set<String> all = new java.util.HashSet<>(tasks.retrying());
    all.addAll(tasks.permanent());
    return all;
  }
}
