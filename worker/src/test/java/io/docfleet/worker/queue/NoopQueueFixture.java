package io.docfleet.worker.queue;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Task;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the queue's tests start from, fresh for each test under its own Redis prefix: a settable
 * clock, a submitter, worker {@code w1}'s queue of {@code noop} tasks and an inspector, with
 * claiming and decoding one call each.
 */
abstract class NoopQueueFixture {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("queue");

  final SettableClock clock = new SettableClock();
  FleetContext fleet;
  TaskSubmitter submitter;
  WorkerQueue queue;
  QueueInspector inspector;

  @BeforeEach
  void aFreshQueue() {
    fleet = redis.context(clock);
    submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    queue = new WorkerQueue(fleet, "noop", "w1");
    inspector = new QueueInspector(fleet);
  }

  /** Claims up to {@code max} tasks for {@code w1}, waiting for the answer. */
  List<String> claim(int max) {
    return queue.claim(max).toCompletableFuture().join();
  }

  Task decode(String item) throws MalformedTaskException {
    return fleet.codec().decode(item);
  }
}
