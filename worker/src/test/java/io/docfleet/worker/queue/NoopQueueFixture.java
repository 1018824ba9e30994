package io.docfleet.worker.queue;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.BeginResult;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskRecord;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Task;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the queue's tests start from, fresh for each test under its own Redis prefix: a settable
 * clock, a submitter, worker {@code w1}'s queue of {@code noop} tasks and an inspector, with
 * claiming, completing, reading a record and decoding one call each.
 */
abstract class NoopQueueFixture {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("queue");

  final SettableClock clock = new SettableClock();
  FleetContext fleet;
  TaskSubmitter submitter;
  WorkerQueue queue;
  QueueInspector inspector;

  /** The Redis the queue is on; a subclass may run the same tests on another. */
  TestRedisPrefix redis() {
    return redis;
  }

  @BeforeEach
  void aFreshQueue() {
    fleet = redis().context(clock);
    submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    queue = new WorkerQueue(fleet, "noop", "w1");
    inspector = new QueueInspector(fleet);
  }

  /**
   * Claims up to {@code max} tasks for {@code w1} and begins their runs, waiting for the answer.
   */
  List<ClaimedItem> claim(int max) {
    return queue.claim(max).toCompletableFuture().join().items();
  }

  /** The items of claimed runs, byte for byte. */
  static List<String> items(List<ClaimedItem> claimed) {
    return claimed.stream().map(ClaimedItem::item).toList();
  }

  /** Completes a run that began, as the worker does; false when the completion was stale. */
  boolean complete(ClaimedItem run) {
    int attempt = ((BeginResult.Started) run.begun()).attempt();
    String record =
        TaskRecord.completed("w1", attempt, run.startedAt(), clock.millis(), run.lastError())
            .toJson();
    return queue
        .ends()
        .completeAll(List.of(new RunEnds.Completion(run, record)))
        .toCompletableFuture()
        .join()
        .get(0);
  }

  /** The record of a {@code noop} task, as operators read it. */
  Map<String, String> record(String taskId) {
    return new TaskAssignments(fleet).read("noop", taskId);
  }

  Task decode(String item) throws MalformedTaskException {
    return fleet.codec().decode(item);
  }
}
