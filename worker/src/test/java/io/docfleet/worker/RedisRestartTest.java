package io.docfleet.worker;

import static io.docfleet.worker.Eventually.eventually;
import static io.docfleet.worker.WorkerProcess.aWorker;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.localservers.LocalRedis;
import io.docfleet.queue.QueueCounter;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

/**
 * A worker rides out a restart of its Redis: a private {@code redis-server} that the test kills and
 * starts again on the same port, empty. The worker re-registers and claims new tasks by itself.
 */
@SlowTest
class RedisRestartTest {
  private static final int TASKS = 20;

  @RegisterExtension final WorkerProcesses workers = new WorkerProcesses();
  private final LocalRedis redis = LocalRedis.startPrivate();
  private final RedissonClient client = TestRedis.connect(redis.url());
  private final TestFleet fleet = TestFleet.on(redis.url(), client, "restart");

  @AfterEach
  void stopWorkersAndRedis() {
    workers.killAll();
    client.shutdown();
    redis.stop(true);
  }

  @Test
  void aWorkerResumesClaimingAfterItsRedisRestarts() {
    assertThat(redis.origin()).isEqualTo(LocalRedis.Origin.SYSTEM_REDIS_SERVER);
    WorkerProcess worker = workers.start(aWorker("rider").against(fleet).concurrency(4));
    fleet.submitSleepTasks("before", TASKS, Duration.ofMillis(10));
    eventually().until(() -> fleet.counter(QueueCounter.COMPLETED) == TASKS);

    redis.stop(true);
    eventually().until(() -> worker.logged("heartbeat of worker rider failed"));
    redis.start();

    assertThat(fleet.counter(QueueCounter.COMPLETED)).as("completed after the restart").isZero();
    List<String> tasks = fleet.submitSleepTasks("after", TASKS, Duration.ofMillis(10));
    eventually()
        .until(() -> fleet.counter(QueueCounter.COMPLETED) == TASKS && fleet.sleepQueueIsEmpty());
    assertThat(fleet.assignmentStatuses(tasks))
        .as("assignment status of every new task")
        .allSatisfy((id, status) -> assertThat(status).isEqualTo("completed"));
    eventually().until(() -> fleet.isRegistered(worker.id()) && fleet.isIndexed(worker.id()));
    assertThat(worker.isAlive()).as("worker alive").isTrue();
  }
}
