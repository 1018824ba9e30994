package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.handler.TaskOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker that drains while a task runs past the shutdown grace: the run is interrupted, counts as
 * no failure, and its task is returned to the head of its queue with its lock released.
 */
class WorkerDrainTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("worker-drain");

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final FleetContext fleet = redis.context(Clock.systemUTC());
  private Worker worker;

  @AfterEach
  void tearDown() {
    worker.drain();
  }

  @Test
  void aTaskStillRunningWhenTheGraceRunsOutIsInterruptedAndReturnedToItsQueueUnfailed()
      throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    worker =
        TestWorkers.started(
            fleet,
            "slow",
            task -> {
              started.countDown();
              try {
                Thread.sleep(WAIT.toMillis());
              } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
              }
              return TaskOutcome.succeeded();
            },
            Map.of("SHUTDOWN_GRACE", "100ms"));
    new TaskSubmitter(fleet, QueueSettings.defaults()).submit(Task.of("t0", "slow", null));
    assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    worker.drain();

    assertThat(interrupted).isTrue();
    QueueStats stats = new QueueInspector(fleet).stats("slow");
    assertThat(stats.inFlight()).isZero();
    assertThat(stats.ready()).isEqualTo(1);
    assertThat(stats.counter(QueueCounter.RETURNED_ON_SHUTDOWN)).isEqualTo(1);
    assertThat(stats.counter(QueueCounter.RETRIED)).isZero();
    assertThat(stats.counter(QueueCounter.FAILED)).isZero();
    assertThat(stats.delayed()).isZero();
    assertThat(worker.stats().failed()).isZero();
    assertThat(fleet.redis().getLock(fleet.keys().runs().lock("slow", "t0")).isLocked()).isFalse();
    assertThat(fleet.redis().getMap(fleet.keys().worker(worker.id())).isExists())
        .as("deregistered")
        .isFalse();
  }
}
