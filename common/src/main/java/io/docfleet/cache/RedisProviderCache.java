package io.docfleet.cache;

import io.docfleet.cache.CacheMetrics.Field;
import io.docfleet.cache.SingleFlight.Lease;
import io.docfleet.logging.LogSafe;
import io.docfleet.pools.ConnectionPool;
import io.docfleet.pools.RedisPool;
import io.docfleet.redis.FleetContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider cache on Redis: content-addressed entries with a TTL per type, per-document pointers
 * and indexes, single flight across the fleet, pipelined batch reads and writes, and metrics. Every
 * read and write is bounded by {@code CACHE_TIMEOUT}; one that fails or is late counts as a miss,
 * so a sick cache costs callers time, never results. So does an entry that cannot be read (corrupt
 * compressed bytes, or a value the caller's {@link Reader} refuses): it counts as an error, is
 * logged once at WARN (its type and content hash, never its value), and is computed and written
 * again. Each lookup counts once, as a hit or a miss, and is logged at DEBUG.
 *
 * <p>Lifecycle: {@link #start} starts the metrics flush; {@link #close} stops it, flushes, and
 * shuts the Redis client down when the cache has its own ({@code REDIS_CACHE_URL}).
 */
public final class RedisProviderCache implements ProviderCache {
  private static final Logger log = LoggerFactory.getLogger(RedisProviderCache.class);

  private final FleetContext fleet;
  private final CacheSettings settings;
  private final boolean ownsClient;
  private final CacheMetrics metrics;
  private final CacheBreaker breaker;
  private final CacheStore store;
  private final SingleFlight flight;

  /** A cache on {@code fleet}'s Redis and key names; it leaves the client open on close. */
  public RedisProviderCache(FleetContext fleet, CacheSettings settings) {
    this(fleet, settings, false);
  }

  RedisProviderCache(FleetContext fleet, CacheSettings settings, boolean ownsClient) {
    this.fleet = fleet;
    this.settings = settings;
    this.ownsClient = ownsClient;
    CacheNames names = new CacheNames(fleet.keys());
    this.metrics = new CacheMetrics(fleet.redis(), fleet.keys(), settings.metricsInterval());
    this.breaker = new CacheBreaker(fleet.clock());
    BoundedCalls calls = new BoundedCalls(settings.timeout(), breaker, metrics);
    this.store = new CacheStore(fleet.redis(), names, settings, calls);
    this.flight = new SingleFlight(fleet.redis(), names, calls, metrics, settings.lockWait());
  }

  /** Starts writing metrics every {@code CACHE_METRICS_INTERVAL}. */
  public RedisProviderCache start() {
    metrics.start();
    return this;
  }

  /** Counts failed metrics flushes and the breaker's openings in {@code registry}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    metrics.bindTo(registry);
    breaker.bindTo(registry);
  }

  @Override
  public List<ConnectionPool> pools() {
    return ownsClient ? List.of(new RedisPool(RedisPool.CACHE, fleet.redis())) : List.of();
  }

  @Override
  public <T> T getOrCompute(
      ContentKey key, CachePointer pointer, Callable<String> compute, Reader<T> reader)
      throws Exception {
    CacheLookup lookup = new CacheLookup(key, pointer);
    return getOrComputeAll(List.of(lookup), one -> compute.call(), reader).get(0);
  }

  @Override
  public <T> List<T> getOrComputeAll(List<CacheLookup> lookups, Compute compute, Reader<T> reader)
      throws Exception {
    Map<CacheLookup, byte[]> found = store.read(lookups).orElse(Map.of());
    List<T> results = new ArrayList<>(lookups.size());
    for (CacheLookup lookup : lookups) {
      byte[] stored = found.get(lookup);
      Optional<T> cached = readable(lookup, stored, reader, true);
      results.add(
          cached.isPresent()
              ? hit(lookup, cached.get())
              : computeOnce(lookup, () -> compute.result(lookup), reader, stored != null));
    }
    return results;
  }

  @Override
  public Map<CacheLookup, String> getAll(Collection<CacheLookup> lookups) {
    Map<CacheLookup, byte[]> found = store.read(lookups).orElse(Map.of());
    Map<CacheLookup, String> results = new LinkedHashMap<>();
    for (CacheLookup lookup : lookups) {
      Optional<String> cached = readable(lookup, found.get(lookup), Reader.asStored(), true);
      if (cached.isPresent()) {
        results.put(lookup, hit(lookup, cached.get()));
      } else {
        miss(lookup);
      }
    }
    return results;
  }

  @Override
  public boolean putAll(Collection<CacheEntry> entries) {
    return store.write(entries);
  }

  @Override
  public Set<ContentKey> existing(Collection<ContentKey> keys) {
    return store.existing(keys).orElse(Set.of());
  }

  @Override
  public long invalidate(String documentId) {
    return store.invalidate(documentId);
  }

  /** Writes the metrics counted so far now; false when Redis did not take them. */
  public boolean flushMetrics() {
    return metrics.flush();
  }

  @Override
  public void close() {
    metrics.close();
    if (ownsClient) {
      fleet.redis().shutdown();
    }
  }

  /**
   * The result of a lookup the cache did not answer: under the content key's lock, read once more
   * (another caller may have just computed it), else compute, read and store it, over the entry
   * that could not be read if there was one ({@code reported}: it is not reported again).
   */
  private <T> T computeOnce(
      CacheLookup lookup, Callable<String> compute, Reader<T> reader, boolean reported)
      throws Exception {
    Optional<Lease> lease = flight.lead(lookup.key());
    try {
      if (lease.isPresent()) {
        byte[] stored = store.read(List.of(lookup)).map(found -> found.get(lookup)).orElse(null);
        Optional<T> cached = readable(lookup, stored, reader, !reported);
        if (cached.isPresent()) {
          return hit(lookup, cached.get());
        }
      }
      miss(lookup);
      String value = compute.call();
      T result = reader.read(value);
      store.write(List.of(new CacheEntry(lookup.key(), lookup.pointer(), value)));
      return result;
    } finally {
      lease.ifPresent(flight::release);
    }
  }

  /**
   * An entry as {@code reader} reads it; empty when there is none, or when it cannot be read, which
   * (when {@code report}) counts as an error and is logged.
   */
  private <T> Optional<T> readable(
      CacheLookup lookup, byte[] stored, Reader<T> reader, boolean report) {
    if (stored == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(reader.read(store.text(stored)));
    } catch (Exception e) {
      if (report) {
        unreadable(lookup, e);
      }
      return Optional.empty();
    }
  }

  /** The exception's type only: its message may quote the entry, which may quote a document. */
  private void unreadable(CacheLookup lookup, Exception cause) {
    metrics.count(lookup.key().type(), Field.ERRORS);
    ContentKey key = lookup.key();
    log.warn(
        "cache entry {} {} ({} {}) cannot be read ({}): counted as a miss; the provider is called"
            + " and the entry written again",
        key.type().wireName(),
        key.sha256(),
        LogSafe.text(key.engine()),
        LogSafe.text(key.engineVersion()),
        cause.getClass().getSimpleName());
  }

  private <T> T hit(CacheLookup lookup, T value) {
    metrics.count(lookup.key().type(), Field.HITS);
    if (log.isDebugEnabled()) {
      log.debug("cache hit: {}", describe(lookup));
    }
    return value;
  }

  private void miss(CacheLookup lookup) {
    metrics.count(lookup.key().type(), Field.MISSES);
    if (log.isDebugEnabled()) {
      log.debug("cache miss: {}", describe(lookup));
    }
  }

  /** The entry (type, a prefix of the content's sha256, engine) and who asked for it. */
  private static String describe(CacheLookup lookup) {
    ContentKey key = lookup.key();
    CachePointer pointer = lookup.pointer();
    return LogSafe.text(
        key.type().wireName()
            + " "
            + key.sha256().substring(0, 12)
            + " ("
            + key.engine()
            + " "
            + key.engineVersion()
            + ") for document "
            + pointer.documentId()
            + pointer.chunkId().map(chunk -> " chunk " + chunk).orElse(""));
  }
}
