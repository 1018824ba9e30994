package io.docfleet.api.health;

import io.docfleet.redis.RedisKeys;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;

/**
 * Key counts by kind, from a sample of at most {@value #SAMPLE} keys found with {@code SCAN} (never
 * {@code KEYS}), scaled to the database's size ({@code DBSIZE}). A key's kind is its first name
 * segment after the fleet's prefix, hash-tag braces dropped: {@code tasks}, {@code workers}, {@code
 * doc}, {@code cache}...; keys outside the prefix count as {@code other}.
 */
final class KeySample {
  static final int SAMPLE = 1000;

  /** The counts: total keys, keys sampled, and per kind sampled and estimated. */
  record Counts(
      long total,
      int sampled,
      Map<String, Integer> sampledByKind,
      Map<String, Long> estimatedByKind) {

    /** No keys seen: what a Redis that did not answer shows. */
    static final Counts NONE = new Counts(0, 0, Map.of(), Map.of());
  }

  static Counts take(RedissonClient redis, RedisKeys keys) {
    long total = redis.getKeys().count();
    List<String> patterns = keys.prefix().isEmpty() ? List.of("*") : keys.scanPatterns();
    Map<String, Integer> byKind = new TreeMap<>();
    int sampled = 0;
    for (String pattern : patterns) {
      KeysScanOptions scan =
          KeysScanOptions.defaults().pattern(pattern).chunkSize(500).limit(SAMPLE - sampled);
      for (String key : redis.getKeys().getKeys(scan)) {
        byKind.merge(kind(key, keys.prefix()), 1, Integer::sum);
        sampled++;
      }
      if (sampled >= SAMPLE) {
        break;
      }
    }
    // A full sample is exact; a capped one scales to DBSIZE when the fleet owns the whole
    // database (no prefix), and is a lower bound otherwise.
    boolean scale = sampled >= SAMPLE && keys.prefix().isEmpty();
    Map<String, Long> estimated = new TreeMap<>();
    int sampledCount = sampled;
    byKind.forEach(
        (kind, count) ->
            estimated.put(
                kind, scale ? Math.round((double) count / sampledCount * total) : (long) count));
    return new Counts(total, sampled, byKind, estimated);
  }

  static String kind(String key, String prefix) {
    String name = key.startsWith("{") ? key.substring(1) : key;
    if (!name.startsWith(prefix)) {
      return "other";
    }
    name = name.substring(prefix.length());
    int end = name.length();
    for (char separator : new char[] {':', '}'}) {
      int at = name.indexOf(separator);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    String kind = name.substring(0, end);
    return kind.isEmpty() ? "other" : kind;
  }
}
