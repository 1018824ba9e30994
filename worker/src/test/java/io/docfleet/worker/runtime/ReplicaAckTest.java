package io.docfleet.worker.runtime;

import static io.docfleet.testing.Tasks.aSleepTask;
import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.localservers.ServerProcesses;
import io.docfleet.queue.TaskRecord;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.redis.ReplicaAcks;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.LocalRedisSentinel;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.RunEnds;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Behind sentinels, with a replica connected, a submit and a run's claim and completion return only
 * once the replica has their writes ({@code WAIT 1}), so they survive a failover. The replica's
 * process is stopped (SIGSTOP) around a call to show that the call waits for it rather than finding
 * it already up to date; no timing is asserted, only what happened first.
 */
@SlowTest
class ReplicaAckTest {
  /** Far longer than the replica is stopped: the replica's acknowledgement ends the wait. */
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

  private static LocalRedisSentinel sentinel;
  private static RedissonClient client;
  private static RedissonClient replica;

  private String prefix;
  private FleetContext fleet;

  @BeforeAll
  static void startSentinels() {
    assumeThat(LocalRedisSentinel.available()).as("redis-server and redis-cli installed").isTrue();
    sentinel = LocalRedisSentinel.start();
    client = TestRedis.connect(sentinel.env());
    replica = TestRedis.connect("redis://127.0.0.1:" + sentinel.replicaPort());
  }

  @AfterAll
  static void stopSentinels() {
    if (sentinel != null) {
      replica.shutdown();
      client.shutdown();
      sentinel.close();
    }
  }

  @BeforeEach
  void setUp() {
    prefix = TestRedis.uniquePrefix("replica-ack");
    fleet = new FleetContext(client, new RedisKeys(prefix), new TaskCodec(), Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    TestRedis.deleteKeys(client, prefix);
  }

  @Test
  void aSubmitReturnsOnlyOnceTheReplicaHasTheTask() {
    TaskSubmitter submitter = new TaskSubmitter(fleet, withAckTimeout(ACK_TIMEOUT));
    submitter.submit(aTask("warm-up")); // the first reading of INFO replication
    assertThat(submitter.replicaAcks().lastReplicaCount()).isEqualTo(1);

    assertThat(returnsOnlyOnceTheReplicaRunsAgain(() -> submitter.submit(aSleepTask("t1", 5))))
        .as("the replica ran again before submit returned")
        .isTrue();

    assertThat(replicaReady("noop"))
        .as("the replica's ready list right after the submit returned")
        .hasSize(1);
    assertThat(replicaReady("sleep")).hasSize(1).allMatch(item -> item.contains("\"t1\""));
    assertThat(submitter.replicaAcks().shortfalls()).isZero();
  }

  @Test
  void aReplicaThatDoesNotAcknowledgeInTimeCostsTheTimeoutNotTheTask() {
    TaskSubmitter submitter = new TaskSubmitter(fleet, withAckTimeout(Duration.ofMillis(200)));
    submitter.submit(aTask("warm-up"));

    sentinel.withReplicaStopped(() -> submitter.submit(aTask("t1")));

    assertThat(submitter.replicaAcks().shortfalls()).isEqualTo(1);
    assertThat(client.getList(fleet.keys().ready("noop")).size()).as("on the primary").isEqualTo(2);
  }

  @Test
  void aRunsClaimAndCompletionAreOnTheReplicaWhenTheyReturn() {
    ReplicaAcks acks = ReplicaAcks.of(fleet, ACK_TIMEOUT);
    WorkerQueue queue =
        new WorkerQueue(
            fleet,
            "noop",
            "w1",
            new WorkerQueue.Options(Duration.ofSeconds(30), Duration.ofHours(1), acks));
    new TaskSubmitter(fleet, QueueSettings.defaults()).submit(aTask("t1"));
    List<ClaimedItem> claimed = new ArrayList<>();

    assertThat(
            returnsOnlyOnceTheReplicaRunsAgain(
                () -> claimed.addAll(queue.claim(1).toCompletableFuture().join().items())))
        .as("the replica ran again before the claim returned")
        .isTrue();
    ClaimedItem run = claimed.get(0);
    assertThat(replicaRecord("t1")).contains("\"status\":\"running\"");
    assertThat(replica.getList(fleet.keys().inFlight("noop", "w1")).size()).isEqualTo(1);
    assertThat(replica.getKeys().countExists(run.lock().key())).isEqualTo(1);

    String record = TaskRecord.completed("w1", 1, run.startedAt(), run.startedAt(), null).toJson();
    assertThat(
            returnsOnlyOnceTheReplicaRunsAgain(
                () ->
                    queue
                        .ends()
                        .completeAll(List.of(new RunEnds.Completion(run, record)))
                        .toCompletableFuture()
                        .join()))
        .as("the replica ran again before the completion returned")
        .isTrue();
    assertThat(replicaRecord("t1")).contains("\"status\":\"completed\"");
    assertThat(replica.getList(fleet.keys().inFlight("noop", "w1")).size()).isZero();
    assertThat(replica.getKeys().countExists(run.lock().key())).isZero();
    assertThat(acks.shortfalls()).isZero();
  }

  private String replicaRecord(String taskId) {
    return replica
        .<String, String>getMap(fleet.keys().runs().assignments("noop"), StringCodec.INSTANCE)
        .get(taskId);
  }

  @Test
  void aPrimaryThatLostItsScriptsIsGivenThemAgain() {
    TaskSubmitter submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    submitter.submit(aTask("t1"));
    ServerProcesses.cli(sentinel.currentPrimaryPort(), "SCRIPT", "FLUSH");

    submitter.submit(aTask("t2"));

    assertThat(replicaReady("noop")).hasSize(2);
  }

  @Test
  void withoutAReplicaNothingWaits() {
    FleetContext single = TestRedis.context(prefix, Clock.systemUTC());
    TaskSubmitter submitter = new TaskSubmitter(single, QueueSettings.defaults());

    submitter.submit(aTask("t1"));

    assertThat(submitter.replicaAcks().lastReplicaCount()).isZero();
    assertThat(submitter.replicaAcks().shortfalls()).isZero();
    assertThat(TestRedis.client().getList(single.keys().ready("noop")).size()).isEqualTo(1);
    TestRedis.deleteKeys(TestRedis.client(), prefix);
  }

  /**
   * Stops the replica, starts {@code call}, lets the replica run again half a second later, and
   * says whether the call returned only after that.
   */
  private static boolean returnsOnlyOnceTheReplicaRunsAgain(Runnable call) {
    AtomicBoolean resumed = new AtomicBoolean();
    CompletableFuture<Boolean> resumedWhenReturned = new CompletableFuture<>();
    sentinel.withReplicaStopped(
        () -> {
          CompletableFuture.runAsync(call)
              .whenComplete((ignored, error) -> resumedWhenReturned.complete(resumed.get()));
          pause(Duration.ofMillis(500)); // the call is under way while the replica is stopped
          resumed.set(true);
        });
    return resumedWhenReturned.join();
  }

  private List<String> replicaReady(String type) {
    return replica.<String>getList(fleet.keys().ready(type)).readAll();
  }

  private static QueueSettings withAckTimeout(Duration timeout) {
    QueueSettings defaults = QueueSettings.defaults();
    return new QueueSettings(
        defaults.maxAttempts(),
        defaults.backoffBase(),
        defaults.backoffMax(),
        defaults.assignmentRetention(),
        defaults.idempotencyWindow(),
        timeout,
        defaults.laneWeights(),
        defaults.groupConcurrency());
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
