package io.docfleet.worker.lock;

import io.docfleet.loop.PeriodicLoop;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.worker.lock.TaskLocks.Lock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.redisson.api.RScript;

/**
 * Renews every lock one {@link TaskLocks} tracks, every third of the lease (the loop {@code
 * task-lock-watchdog}): one {@code task_lock_renew.lua} call per task type (its locks share the
 * queue's slot), all sent at once, so a lock of a worker that dies lapses within the lease.
 * Lifecycle: it starts with the first lock tracked; {@link #close} stops it, and the locks still
 * held then lapse after their lease.
 */
final class LockWatchdog implements AutoCloseable {
  private static final LuaScript RENEW = LuaScript.load("task_lock_renew");

  private final FleetContext fleet;
  private final String leaseMillis;
  private final Set<Lock> held = ConcurrentHashMap.newKeySet();
  private final PeriodicLoop loop;
  private volatile boolean started;

  LockWatchdog(FleetContext fleet, Duration lease) {
    this.fleet = fleet;
    this.leaseMillis = Long.toString(lease.toMillis());
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
  void renew(Collection<Lock> locks) {
    held.addAll(locks);
    if (!started && !held.isEmpty()) {
      loop.start(); // does nothing when closed
      started = true;
    }
  }

  void forget(Lock lock) {
    held.remove(lock);
  }

  int heldCount() {
    return held.size();
  }

  /** Renews every held lock, one call per type; forgets the ones no longer held. */
  void renewAll() {
    Map<String, List<Lock>> byType = new LinkedHashMap<>();
    for (Lock lock : held) {
      byType.computeIfAbsent(lock.type(), type -> new ArrayList<>()).add(lock);
    }
    List<CompletableFuture<Void>> calls = new ArrayList<>(byType.size());
    for (List<Lock> locks : byType.values()) {
      calls.add(renew(locks));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
  }

  private CompletableFuture<Void> renew(List<Lock> locks) {
    List<Object> keys = new ArrayList<>(locks.size());
    Object[] args = new Object[locks.size() + 1];
    args[0] = leaseMillis;
    for (int i = 0; i < locks.size(); i++) {
      keys.add(locks.get(i).key());
      args[i + 1] = locks.get(i).field();
    }
    return RENEW
        .<List<Object>>run(fleet.redis(), RScript.ReturnType.LIST, keys, args)
        .thenAccept(
            renewed -> {
              for (int i = 0; i < locks.size(); i++) {
                if (((Number) renewed.get(i)).longValue() != 1) {
                  held.remove(locks.get(i));
                }
              }
            })
        .toCompletableFuture();
  }

  @Override
  public void close() {
    loop.close();
  }
}
