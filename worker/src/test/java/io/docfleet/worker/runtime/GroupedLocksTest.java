package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.lock.TaskLocks.Lock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GroupedLocksTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("grouped-locks");

  private String prefix;
  private FleetContext fleet;
  private TaskLocks taskLocks;
  private GroupedLocks locks;

  @BeforeEach
  void setUp() {
    prefix = redis.prefix();
    fleet = redis.context(new SettableClock());
    taskLocks = new TaskLocks(fleet);
    locks = new GroupedLocks(taskLocks);
  }

  @AfterEach
  void tearDown() {
    taskLocks.close();
  }

  @Test
  void eachRunLearnsWhetherItGotItsLockAndReleasesOnlyItsOwn() {
    List<Lock> runs = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      runs.add(locks.newLock("t" + (i % 150)));
    }
    List<CompletableFuture<Boolean>> taken = new ArrayList<>();
    runs.forEach(run -> taken.add(locks.tryLock(run)));

    int got = 0;
    for (int i = 0; i < runs.size(); i++) {
      if (taken.get(i).join()) {
        got++;
        assertThat(taskLocks.isLocked(runs.get(i).taskId())).isTrue();
      }
    }
    assertThat(got).as("one run per task").isEqualTo(150);
    assertThat(taskLocks.heldCount()).isEqualTo(150);

    List<CompletableFuture<Boolean>> released = new ArrayList<>();
    runs.forEach(run -> released.add(locks.unlock(run)));
    for (int i = 0; i < runs.size(); i++) {
      assertThat(released.get(i).join()).isEqualTo(taken.get(i).join());
    }
    for (int i = 0; i < 150; i++) {
      assertThat(taskLocks.isLocked("t" + i)).isFalse();
    }
    assertThat(taskLocks.heldCount()).isZero();
  }
}
