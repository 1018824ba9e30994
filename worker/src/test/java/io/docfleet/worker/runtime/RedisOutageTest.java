package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.config.Concurrency;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.worker.heartbeat.Heartbeat;
import io.docfleet.worker.heartbeat.WorkerCounters;
import io.docfleet.worker.heartbeat.WorkerRegistration;
import io.docfleet.worker.queue.DelayedTaskPromoter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** The fleet's background loops against a private Redis that the test kills and restarts. */
@SlowTest
class RedisOutageTest {
  private static final Duration TTL = Duration.ofSeconds(15);

  private final SettableClock clock = new SettableClock();
  private LocalRedis server;
  private RedissonClient redis;
  private FleetContext fleet;
  private Heartbeat heartbeat;

  @BeforeEach
  void setUp() {
    server = LocalRedis.startPrivate();
    redis = TestRedis.impatientClient(server.url(), "outage-test");
    fleet = new FleetContext(redis, new RedisKeys(""), new TaskCodec(), clock);
    heartbeat =
        new Heartbeat(
            fleet,
            new WorkerRegistration(
                "w1", "h", 1, List.of("noop"), new Concurrency(1, Map.of()), clock.instant()),
            Duration.ofMillis(50),
            TTL,
            () -> new WorkerCounters(0, 0, 0));
  }

  @AfterEach
  void tearDown() {
    heartbeat.close();
    redis.shutdown();
    server.close();
  }

  @Test
  void aWorkerThatCannotHeartbeatTurnsUnhealthyAndRecoversWhenRedisReturns() {
    heartbeat.start();
    assertThat(heartbeat.isHealthy()).isTrue();

    server.stop(true);
    heartbeat.markDraining(); // fails quietly: logged once, counted as not beating
    clock.advance(TTL);
    assertThat(heartbeat.isHealthy()).isFalse();

    server.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> heartbeat.isHealthy() && redis.getMap("workers:w1").isExists());
    assertThat(redis.<String, String>getMap("workers:w1").get("status")).isEqualTo("draining");
  }

  @Test
  void aBeatThatFailsIsCountedAsAFailedPassOfTheHeartbeatLoop() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    heartbeat.bindTo(registry);
    heartbeat.beat();

    server.stop(true);
    heartbeat.markDraining();

    assertThat(registry.get("docfleet.loop.failures").tag("loop", "heartbeat").counter().count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void thePromoterAndTheReaperCarryOnThroughAnOutage() {
    DelayedTaskPromoter promoter =
        new DelayedTaskPromoter(fleet, List.of("noop"), Duration.ofMillis(50));
    Reaper reaper = new Reaper(fleet, Duration.ofMillis(50));
    promoter.start();
    reaper.start();
    try {
      server.stop(true);
      pause(Duration.ofMillis(300)); // several passes of both loops fail meanwhile
      server.start();
      redis.getSet("queues:index").add("noop");
      redis.<String>getScoredSortedSet("{tasks:noop}:delayed").add(clock.millis() - 1, "{}");
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> redis.getList("tasks:noop").size() == 1);
    } finally {
      promoter.close();
      reaper.close();
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
