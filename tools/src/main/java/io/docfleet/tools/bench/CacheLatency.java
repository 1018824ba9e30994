package io.docfleet.tools.bench;

import io.docfleet.cache.CacheLookup;
import io.docfleet.cache.CachePointer;
import io.docfleet.cache.ProviderCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times reads of entries that exist, through the {@link ProviderCache} API as the stages call it:
 * many single gets ({@code getAll} of one lookup, one round trip each), and a batched get of {@code
 * size} lookups against {@code size} single gets one after another. Every lookup is read once
 * before timing starts, so pointers are in place and each timed read is a pure read.
 */
final class CacheLatency {
  private static final int BATCH_REPEATS = 30;

  /**
   * What the reads took.
   *
   * @param single microseconds of each single get
   * @param batchMicros median microseconds of one batched get of {@code batchSize} lookups
   * @param singlesMicros median microseconds of {@code batchSize} single gets in a row
   * @param misses timed reads that did not find their entry (0 unless the cache failed them)
   */
  record Timings(
      LatencySummary single, int batchSize, long batchMicros, long singlesMicros, long misses) {}

  private static final int WARM_UP_GETS = 5_000;

  private final ProviderCache cache;

  CacheLatency(ProviderCache cache) {
    this.cache = cache;
  }

  /** Times {@code gets} single gets over {@code existing}, then batches of {@code batchSize}. */
  Timings measure(List<CacheLookup> existing, int gets, int batchSize) {
    if (existing.isEmpty()) {
      throw new IllegalArgumentException("no cached entries to read");
    }
    List<CacheLookup> batch = batchOf(existing, batchSize);
    cache.getAll(batch); // links the extra pointers; warms connections and code paths
    // untimed rounds first, as any microbenchmark does: the JIT compiles the read path before the
    // timed gets, so the percentiles show the cache, not the interpreter
    for (int i = 0; i < WARM_UP_GETS; i++) {
      cache.getAll(List.of(existing.get(i % existing.size())));
    }
    long misses = 0;
    long[] singles = new long[gets];
    for (int i = 0; i < gets; i++) {
      CacheLookup lookup = existing.get(i % existing.size());
      long start = System.nanoTime();
      boolean hit = cache.getAll(List.of(lookup)).containsKey(lookup);
      singles[i] = (System.nanoTime() - start) / 1_000;
      misses += hit ? 0 : 1;
    }
    long[] batched = new long[BATCH_REPEATS];
    long[] oneByOne = new long[BATCH_REPEATS];
    for (int r = 0; r < BATCH_REPEATS; r++) {
      long start = System.nanoTime();
      misses += batch.size() - cache.getAll(batch).size();
      batched[r] = (System.nanoTime() - start) / 1_000;
      start = System.nanoTime();
      for (CacheLookup lookup : batch) {
        misses += cache.getAll(List.of(lookup)).containsKey(lookup) ? 0 : 1;
      }
      oneByOne[r] = (System.nanoTime() - start) / 1_000;
    }
    return new Timings(
        LatencySummary.of(singles), batch.size(), median(batched), median(oneByOne), misses);
  }

  /**
   * {@code size} lookups of existing entries: each distinct one once, then, when there are fewer,
   * the same entries again under pointers of a document of the benchmark's own.
   */
  static List<CacheLookup> batchOf(List<CacheLookup> existing, int size) {
    List<CacheLookup> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      CacheLookup lookup = existing.get(i % existing.size());
      if (i >= existing.size()) {
        lookup = new CacheLookup(lookup.key(), CachePointer.chunk("bench-latency", "chunk-" + i));
      }
      batch.add(lookup);
    }
    return batch;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
