package io.docfleet.api.background;

import io.docfleet.loop.PeriodicLoop;
import io.docfleet.redis.FleetContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RExpirable;
import org.redisson.api.RLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects one coordinator leader with the Redisson lock {@code coordinator:leader}, leased (never
 * renewed by Redisson's watchdog) like the reaper's: every third of the lease each candidate either
 * extends the lease it holds or tries to take the free lock, so a leader that dies is replaced
 * within one lease. A leader that stalls past its lease may overlap its successor briefly; the work
 * it leads is idempotent, so an overlap costs a repeated pass, not a repeated task.
 *
 * <p>The lock's owner is a random id per candidate rather than a thread, so several candidates can
 * share one Redisson client and any thread may release it.
 *
 * <p>Lifecycle: {@link #start} checks at once and then every third of the lease (the loop {@code
 * leader-election}), calling {@code onElected} (on the election thread) each time this candidate
 * becomes leader; {@link #close} stops and releases the lock if held, so another candidate takes
 * over at its next check.
 */
final class LeaderElection implements AutoCloseable, MeterBinder {
  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  private final RLock lock;
  private final RExpirable leaseKey;
  private final Duration lease;
  private final Runnable onElected;
  private final long owner = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  private final PeriodicLoop loop;
  private volatile boolean leader;

  LeaderElection(FleetContext fleet, Duration lease, Runnable onElected) {
    this.lock = fleet.redis().getLock(fleet.keys().coordinatorLeader());
    // the same key, seen as a plain key: PEXPIRE extends the lease of the lock we hold
    this.leaseKey = fleet.redis().getBucket(fleet.keys().coordinatorLeader());
    this.lease = lease;
    this.onElected = onElected;
    this.loop =
        PeriodicLoop.named("leader-election")
            .every(Duration.ofMillis(lease.toMillis() / 3))
            .firstPassAfter(Duration.ZERO)
            .whileFailing("this coordinator does not lead until a check succeeds")
            .build(this::checkOrStepDown);
  }

  /** Counts failed checks in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    loop.bindTo(registry);
  }

  void start() {
    loop.start();
  }

  boolean isLeader() {
    return leader;
  }

  /** Extends the lease held, or tries to take the lock; returns whether this candidate leads. */
  synchronized boolean check() {
    boolean held;
    if (lock.isHeldByThread(owner)) {
      held = leaseKey.expire(lease);
    } else {
      held =
          lock.tryLockAsync(0, lease.toMillis(), TimeUnit.MILLISECONDS, owner)
              .toCompletableFuture()
              .join();
    }
    boolean elected = held && !leader;
    if (leader && !held) {
      log.warn("lost the coordinator leadership; another coordinator leads now");
    }
    leader = held;
    if (elected) {
      log.info("elected coordinator leader (lease {} ms)", lease.toMillis());
      onElected.run();
    }
    return held;
  }

  /**
   * A check that fails leaves this candidate not leading: it cannot know it still holds the lock.
   */
  private void checkOrStepDown() {
    try {
      check();
    } catch (RuntimeException e) {
      leader = false;
      throw e;
    }
  }

  @Override
  public void close() {
    loop.close(); // not under the lock: a check under way needs it to finish
    releaseIfLeader();
  }

  private synchronized void releaseIfLeader() {
    if (leader) {
      leader = false;
      try {
        lock.unlockAsync(owner).toCompletableFuture().join();
        log.info("released the coordinator leadership");
      } catch (RuntimeException e) {
        log.warn("could not release the leader lock; it lapses within {} ms", lease.toMillis());
      }
    }
  }
}
