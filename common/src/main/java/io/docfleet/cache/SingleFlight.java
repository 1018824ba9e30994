package io.docfleet.cache;

import io.docfleet.cache.CacheMetrics.Field;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

/**
 * Lets one caller across the fleet compute a missing entry while the others wait: the Redisson lock
 * {@code cache:lock:<content key>}, taken without a lease so Redisson's watchdog renews it for as
 * long as the computation runs, and frees it 30 s after a holder's JVM dies. Waiters are woken by
 * Redisson's lock channel when the holder releases it, then read the entry it wrote.
 *
 * <p>Each attempt gets its own owner id (not the thread's), so a lock granted after its caller
 * stopped waiting can be released by id from a Redis callback.
 */
final class SingleFlight {
  /** A held lock: release it once the entry is written. */
  record Lease(RLock lock, long owner, CacheType type) {}

  private static final long NO_LEASE_TIME = -1;

  private final RedissonClient redis;
  private final CacheNames names;
  private final BoundedCalls calls;
  private final CacheMetrics metrics;
  private final Duration lockWait;
  private final AtomicLong owners = new AtomicLong(1L << 50);

  SingleFlight(
      RedissonClient redis,
      CacheNames names,
      BoundedCalls calls,
      CacheMetrics metrics,
      Duration lockWait) {
    this.redis = redis;
    this.names = names;
    this.calls = calls;
    this.metrics = metrics;
    this.lockWait = lockWait;
  }

  /**
   * Takes the key's lock, waiting while another caller holds it; empty when the wait ran out
   * ({@code lock_timeouts}) or Redis did not answer: the caller then computes without the lock. The
   * first attempt does not wait, so a Redis that does not answer costs {@code CACHE_TIMEOUT}, not
   * the whole lock wait.
   */
  Optional<Lease> lead(ContentKey key) {
    RLock lock = redis.getLock(names.lock(key));
    long owner = owners.incrementAndGet();
    Set<CacheType> types = Set.of(key.type());
    Optional<Boolean> now =
        calls.call(
            types,
            calls.timeout(),
            () -> lock.tryLockAsync(0, NO_LEASE_TIME, TimeUnit.MILLISECONDS, owner),
            late -> releaseLate(lock, owner, late));
    if (now.isEmpty()) {
      return Optional.empty();
    }
    if (now.get()) {
      return Optional.of(new Lease(lock, owner, key.type()));
    }
    Optional<Boolean> later =
        calls.call(
            types,
            lockWait.plus(calls.timeout()),
            () ->
                lock.tryLockAsync(lockWait.toMillis(), NO_LEASE_TIME, TimeUnit.MILLISECONDS, owner),
            late -> releaseLate(lock, owner, late));
    if (later.isPresent() && !later.get()) {
      metrics.count(key.type(), Field.LOCK_TIMEOUTS);
    }
    return later.filter(Boolean::booleanValue).map(taken -> new Lease(lock, owner, key.type()));
  }

  void release(Lease lease) {
    calls.run(Set.of(lease.type()), () -> lease.lock().unlockAsync(lease.owner()));
  }

  private static void releaseLate(RLock lock, long owner, Boolean taken) {
    if (Boolean.TRUE.equals(taken)) {
      lock.unlockAsync(owner);
    }
  }
}
