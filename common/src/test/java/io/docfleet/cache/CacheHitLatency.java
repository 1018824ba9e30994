package io.docfleet.cache;

import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints how long a cache hit takes against the test Redis: one {@code getOrCompute} hit, one
 * {@code getAll} of one lookup, and a batched {@code getAll} of 100 against 100 single hits. A
 * measurement, not a test: run it by hand, e.g. {@code java -cp <test classpath>
 * io.docfleet.cache.CacheHitLatency}.
 */
public final class CacheHitLatency {
  private static final int SINGLES = 5_000;
  private static final int ROUNDS = 200;
  private static final int BATCH = 100;

  private CacheHitLatency() {}

  public static void main(String[] args) throws Exception {
    String prefix = TestRedis.uniquePrefix("cache-latency");
    String value =
        "{\"entities\":[" + "{\"type\":\"person\",\"text\":\"Ada\"},".repeat(30) + "{}]}";
    try (RedisProviderCache cache =
        new RedisProviderCache(
            TestRedis.context(prefix, new SettableClock()), CacheFixtures.settings())) {
      List<CacheEntry> entries = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        entries.add(
            new CacheEntry(
                CacheFixtures.entitiesKeyOf("chunk " + i),
                CachePointer.chunk("d1", "c" + i),
                value));
      }
      cache.putAll(entries);
      List<CacheLookup> lookups = entries.stream().map(CacheEntry::lookup).toList();
      CacheEntry one = entries.get(0);

      for (int i = 0; i < SINGLES; i++) { // warm-up
        cache.getOrCompute(one.key(), one.pointer(), () -> "miss");
        cache.getAll(lookups);
      }
      long[] single = new long[SINGLES];
      for (int i = 0; i < SINGLES; i++) {
        long start = System.nanoTime();
        cache.getOrCompute(one.key(), one.pointer(), () -> "miss");
        single[i] = System.nanoTime() - start;
      }
      long[] singleBatch = new long[SINGLES];
      for (int i = 0; i < SINGLES; i++) {
        long start = System.nanoTime();
        cache.getAll(List.of(one.lookup()));
        singleBatch[i] = System.nanoTime() - start;
      }
      long[] batched = new long[ROUNDS];
      long[] sequential = new long[ROUNDS];
      for (int r = 0; r < ROUNDS; r++) {
        long start = System.nanoTime();
        if (cache.getAll(lookups).size() != BATCH) {
          throw new IllegalStateException("a batch missed");
        }
        batched[r] = System.nanoTime() - start;
        start = System.nanoTime();
        for (CacheEntry entry : entries) {
          cache.getOrCompute(entry.key(), entry.pointer(), () -> "miss");
        }
        sequential[r] = System.nanoTime() - start;
      }
      print("getOrCompute hit (1 key)", single);
      print("getAll of 1 lookup", singleBatch);
      print("getAll of 100 lookups", batched);
      print("100 getOrCompute hits", sequential);
      System.out.printf(
          "batched / sequential (p50): %.1fx faster%n",
          (double) percentile(sequential, 50) / percentile(batched, 50));
      cache.flushMetrics();
      System.out.println(
          new CacheInspector(TestRedis.context(prefix, new SettableClock())).total());
    } finally {
      TestRedis.deleteKeys(TestRedis.client(), prefix);
      TestRedis.client().shutdown();
    }
  }

  private static void print(String what, long[] nanos) {
    System.out.printf(
        "%-26s n=%5d  p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms%n",
        what,
        nanos.length,
        percentile(nanos, 50) / 1e6,
        percentile(nanos, 99) / 1e6,
        Arrays.stream(nanos).max().orElse(0) / 1e6);
  }

  private static long percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
