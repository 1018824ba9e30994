package io.docfleet.api.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.cache.DisabledProviderCache;
import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.testing.TestDatabase;
import io.docfleet.testing.TestDocuments;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RedissonClient;

/** Two coordinators: exactly one leads; when it closes, the other takes over. */
class LeaderElectionTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("leader");

  @RegisterExtension static final TestDatabase db = TestDatabase.migrated();

  private final String prefix = redis.prefix();
  private final FleetContext fleet = redis.context(Clock.systemUTC());
  private final BackgroundContext background =
      new BackgroundContext(
          fleet,
          new JdbcDocumentStore(db.dataSource(), Clock.systemUTC()),
          new DisabledProviderCache(),
          QueueSettings.defaults());
  private final BackgroundSettings settings =
      new BackgroundSettings(
          Duration.ofSeconds(30), Duration.ofHours(1), Duration.ZERO, 100, true, 24, 100);

  @AfterEach
  void tearDown() {
    db.clear();
  }

  @Test
  void exactlyOneLeadsAndTheOtherTakesOverWhenItCloses() {
    BackgroundWork first = new BackgroundWork(background, settings).start();
    BackgroundWork second = new BackgroundWork(background, settings).start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> first.isLeader() || second.isLeader());
      boolean firstLeads = first.checkLeadership();
      boolean secondLeads = second.checkLeadership();
      assertThat(firstLeads ^ secondLeads).as("exactly one leads").isTrue();
      assertThat(first.checkLeadership()).isEqualTo(firstLeads); // a renewal keeps it

      BackgroundWork leader = firstLeads ? first : second;
      BackgroundWork follower = firstLeads ? second : first;
      leader.close();
      assertThat(leader.isLeader()).isFalse();
      assertThat(follower.checkLeadership()).isTrue();
      assertThat(follower.isLeader()).isTrue();
    } finally {
      first.close();
      second.close();
    }
  }

  @Test
  void aLeaderWhoseLockVanishedStopsLeadingAndTakesItAgainWhenFree() {
    BackgroundWork only = new BackgroundWork(background, settings);
    try {
      assertThat(only.checkLeadership()).isTrue();
      fleet.redis().getKeys().delete(fleet.keys().coordinatorLeader());
      // the lock is free again: the next check takes it anew (after Redis lost everything)
      assertThat(only.checkLeadership()).isTrue();
      assertThat(fleet.redis().getKeys().remainTimeToLive(fleet.keys().coordinatorLeader()))
          .isPositive();
    } finally {
      only.close();
    }
    assertThat(fleet.redis().getKeys().countExists(fleet.keys().coordinatorLeader())).isZero();
  }

  @Test
  void aLeaderCheckThatFailsIsCountedAndLeavesTheCoordinatorNotLeading() {
    RedissonClient gone = TestRedis.connect(TestRedis.url());
    BackgroundContext unreachable =
        new BackgroundContext(
            new FleetContext(gone, fleet.keys(), fleet.codec(), fleet.clock()),
            background.store(),
            background.cache(),
            background.queue());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BackgroundWork work = new BackgroundWork(unreachable, settings);
    work.bindTo(registry);
    assertThat(
            registry.get("docfleet.loop.failures").tag("loop", "background-work").counter().count())
        .isZero();
    gone.shutdown();
    try {
      work.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  registry
                          .get("docfleet.loop.failures")
                          .tag("loop", "leader-election")
                          .counter()
                          .count()
                      == 1);
      assertThat(work.isLeader()).isFalse();
    } finally {
      work.close();
    }
  }

  @Test
  void aNewLeaderPreloadsAndReconcilesAtOnce() {
    background.store().documents().register(TestDocuments.aDocument("d-lost"));
    try (BackgroundWork leader = new BackgroundWork(background, settings).start()) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> fleet.redis().getList(fleet.keys().ready("ocr")).size() == 1);
      assertThat(leader.isLeader()).isTrue();
      assertThat(fleet.redis().getMap(fleet.keys().documentState("d-lost")).get("status"))
          .isEqualTo("queued");
    }
  }
}
