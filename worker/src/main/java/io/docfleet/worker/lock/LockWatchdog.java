package io.docfleet.worker.lock;

import io.docfleet.loop.PeriodicLoop;
import io.docfleet.worker.lock.TaskLocks.Lock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renews every lock one {@link TaskLocks} holds, in one batch every third of the lease (the loop
 * {@code task-lock-watchdog}), so a lock of a worker that dies lapses within the lease. Lifecycle:
 * it starts with the first lock held; {@link #close} stops it, and the locks still held then lapse
 * after their lease.
 */
final class LockWatchdog implements AutoCloseable {
  private final LockScripts scripts;
  private final Set<Lock> held = ConcurrentHashMap.newKeySet();
  private final PeriodicLoop loop;

  LockWatchdog(LockScripts scripts, Duration lease) {
    this.scripts = scripts;
    this.loop =
        PeriodicLoop.named("task-lock-watchdog")
            .every(Duration.ofMillis(Math.max(1, lease.toMillis() / 3)))
            .whileFailing("the locks held lapse after their lease unless a renewal succeeds")
            .build(this::renewAll);
  }

  /** Counts failed renewals in {@code registry}. */
  void bindTo(MeterRegistry registry) {
    loop.bindTo(registry);
  }

  /** Renews these locks from now on; starts the loop, once (never again after close). */
  void renew(List<Lock> locks) {
    held.addAll(locks);
    if (!held.isEmpty()) {
      loop.start();
    }
  }

  void forget(Lock lock) {
    held.remove(lock);
  }

  int heldCount() {
    return held.size();
  }

  /** Renews every held lock in one batch; forgets the ones no longer held. */
  void renewAll() {
    List<Lock> locks = List.copyOf(held);
    if (locks.isEmpty()) {
      return;
    }
    List<Boolean> renewed = scripts.renew(locks).toCompletableFuture().join();
    for (int i = 0; i < locks.size(); i++) {
      if (!renewed.get(i)) {
        held.remove(locks.get(i));
      }
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
