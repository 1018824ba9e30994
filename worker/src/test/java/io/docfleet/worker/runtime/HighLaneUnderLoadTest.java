package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.handler.TaskHandler;
import io.docfleet.worker.handler.TaskOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

/**
 * A busy worker and a high task: with every slot taken by a backlog of normal tasks, a high task a
 * foreign client pushes is the next to start when a slot frees, ahead of the backlog; a low one
 * waits its turn but is not starved. The handler runs a task only when the test lets one end, so
 * the order of starts is exact.
 */
class HighLaneUnderLoadTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("high-lane-load");

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final FleetContext fleet = redis.context(Clock.systemUTC());
  private final List<String> started = new CopyOnWriteArrayList<>();
  private final Semaphore ends = new Semaphore(0);
  private Worker worker;

  @AfterEach
  void tearDown() {
    ends.release(100_000);
    if (worker != null) {
      worker.drain();
    }
  }

  private void startWorker(Map<String, String> settings) {
    TaskHandler held =
        task -> {
          started.add(task.id());
          ends.acquire();
          return TaskOutcome.succeeded();
        };
    worker = TestWorkers.started(fleet, "held", held, settings);
  }

  private void submitBacklog(int tasks) {
    List<Task> backlog = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      backlog.add(Task.of("n-" + i, "held", null));
    }
    new TaskSubmitter(fleet, QueueSettings.defaults()).submitAll(backlog);
  }

  private void push(Priority lane, String id) {
    fleet
        .redis()
        .getDeque(fleet.keys().runs().lane("held", lane), StringCodec.INSTANCE)
        .addFirst(
            "{\"id\":\"" + id + "\",\"type\":\"held\",\"priority\":\"" + lane.wireName() + "\"}");
  }

  @Test
  void aHighTaskPushedWhileEverySlotIsBusyIsTheNextToStart() {
    submitBacklog(2_000);
    startWorker(Map.of("WORKER_CONCURRENCY", "4"));
    await().atMost(WAIT).until(() -> started.size() == 4);

    push(Priority.HIGH, "urgent");
    ends.release();

    await().atMost(WAIT).until(() -> started.size() == 5);
    assertThat(started.get(4)).isEqualTo("urgent");
  }

  @Test
  void aLowTaskUnderABacklogStartsWithinOneRoundOfTheWeights() {
    submitBacklog(2_000);
    startWorker(Map.of("WORKER_CONCURRENCY", "1"));
    await().atMost(WAIT).until(() -> started.size() == 1);

    push(Priority.LOW, "patient");
    // normal 3 : low 1: at most three normal tasks start before it
    for (int i = 0; i < 4; i++) {
      ends.release();
      int next = started.size() + 1;
      await().atMost(WAIT).until(() -> started.size() >= next);
    }

    assertThat(started.subList(1, 5)).contains("patient");
  }
}
