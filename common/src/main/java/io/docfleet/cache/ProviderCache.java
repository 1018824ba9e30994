package io.docfleet.cache;

import io.docfleet.pools.ConnectionPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The provider-result cache as the pipeline and the coordinator see it, so that no provider call is
 * paid twice for the same content. Two implementations: {@link RedisProviderCache}, and {@link
 * DisabledProviderCache} for {@code REDIS_ENABLE_OPTIMIZATION=false}, which computes everything and
 * touches no key. A cache that fails or is slow never fails a caller: it counts as a miss, and so
 * does an entry the caller's {@link Reader} cannot read (it is computed and written again).
 */
public interface ProviderCache extends AutoCloseable, MeterBinder {

  /** Computes the result of one lookup that the cache did not answer. */
  @FunctionalInterface
  interface Compute {
    String result(CacheLookup lookup) throws Exception;
  }

  /**
   * Turns a result (as computed and stored) into what the caller uses, throwing when it cannot: a
   * cached entry it cannot read counts as a miss; a computed result it cannot read is the caller's
   * exception, and is not stored.
   */
  @FunctionalInterface
  interface Reader<T> {
    T read(String value) throws Exception;

    /** The result as it is stored. */
    static Reader<String> asStored() {
      return value -> value;
    }
  }

  /**
   * Counts the failures of the cache's own background work, and its breaker's openings, in {@code
   * registry}, if it has any.
   */
  @Override
  default void bindTo(MeterRegistry registry) {}

  /** The connection pools the cache holds of its own (its Redis client, with REDIS_CACHE_URL). */
  default List<ConnectionPool> pools() {
    return List.of();
  }

  /**
   * The cached result for {@code key}, else the result of {@code compute}, which is then stored
   * under the key with the document's pointer. Across the fleet one caller at a time computes a
   * missing key; the others wait for its result (up to {@code CACHE_LOCK_WAIT}, then compute
   * themselves). Exceptions of {@code compute} reach the caller unchanged, and nothing is stored.
   */
  default String getOrCompute(ContentKey key, CachePointer pointer, Callable<String> compute)
      throws Exception {
    return getOrCompute(key, pointer, compute, Reader.asStored());
  }

  /**
   * As {@link #getOrCompute(ContentKey, CachePointer, Callable)}, the result read by {@code
   * reader}; a cached entry that {@code reader} cannot read is a miss, computed and written again.
   */
  <T> T getOrCompute(
      ContentKey key, CachePointer pointer, Callable<String> compute, Reader<T> reader)
      throws Exception;

  /**
   * The result of every lookup, in their order: the cached ones read in one round trip, each
   * missing one computed by {@code compute} as {@link #getOrCompute} does (single flight, stored
   * with its pointer). Each lookup counts once in the cache's metrics: a hit when the cache
   * answered it (also after waiting for another caller's result), a miss when it was computed.
   * Exceptions of {@code compute} reach the caller unchanged; results computed before stay stored.
   */
  default List<String> getOrComputeAll(List<CacheLookup> lookups, Compute compute)
      throws Exception {
    return getOrComputeAll(lookups, compute, Reader.asStored());
  }

  /**
   * As {@link #getOrComputeAll(List, Compute)}, each result read by {@code reader}; a cached entry
   * that {@code reader} cannot read is a miss, computed and written again.
   */
  default <T> List<T> getOrComputeAll(List<CacheLookup> lookups, Compute compute, Reader<T> reader)
      throws Exception {
    List<T> results = new ArrayList<>(lookups.size());
    for (CacheLookup lookup : lookups) {
      results.add(
          getOrCompute(lookup.key(), lookup.pointer(), () -> compute.result(lookup), reader));
    }
    return results;
  }

  /**
   * The cached results among {@code lookups}, read in one round trip; misses are left out. Every
   * lookup counts as a hit or a miss, so a caller that then computes the misses through {@link
   * #getOrCompute} counts them twice: {@link #getOrComputeAll} is the batch read for that.
   */
  Map<CacheLookup, String> getAll(Collection<CacheLookup> lookups);

  /**
   * Stores results with their pointers and documents' indexes in one round trip, as warming does;
   * false when the cache did not take them.
   */
  boolean putAll(Collection<CacheEntry> entries);

  /** The keys among {@code keys} that have a cached result (for warming: what is left to do). */
  Set<ContentKey> existing(Collection<ContentKey> keys);

  /**
   * Removes every key written for a document, its pointers and the entries they point at, so its
   * next run calls the providers again; for a document whose content changed. Another document with
   * the same content loses the shared entries too and recomputes them. Returns how many keys were
   * removed; throws when Redis cannot be reached, since a silent failure would keep results the
   * caller meant to drop.
   */
  long invalidate(String documentId);

  @Override
  void close();
}
