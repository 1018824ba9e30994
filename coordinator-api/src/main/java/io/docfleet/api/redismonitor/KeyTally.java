package io.docfleet.api.redismonitor;

import io.docfleet.redis.KeyFamily;
import io.docfleet.redis.RedisKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sorts the keys a scan finds into the families of {@link RedisKeys#families} (a key counts in the
 * first it matches) and into kinds (its first name segment after the fleet's prefix, hash-tag
 * braces dropped: {@code tasks}, {@code workers}, {@code doc}, {@code cache}...), and turns the
 * tally into {@link KeyCounts}.
 */
final class KeyTally {
  private final String prefix;
  private final List<KeyFamily> families;
  private final long[] inFamily;
  private final Map<String, Long> byKind = new TreeMap<>();
  private long other;
  private long sampled;

  KeyTally(RedisKeys keys) {
    this.prefix = keys.prefix();
    this.families = keys.families();
    this.inFamily = new long[families.size()];
  }

  void add(Collection<String> keys) {
    for (String key : keys) {
      sampled++;
      byKind.merge(kind(key, prefix), 1L, Long::sum);
      int family = family(key);
      if (family < 0) {
        other++;
      } else {
        inFamily[family]++;
      }
    }
  }

  /**
   * The counts, given the database's size: a scan cut short ({@code complete} false) is scaled to
   * it when the fleet owns the whole database (no prefix), since {@code SCAN} visits keys in no
   * order of theirs; under a prefix its counts are lower bounds.
   */
  KeyCounts counts(long total, boolean complete, long scanMillis, Instant countedAt) {
    boolean scale = !complete && prefix.isEmpty() && sampled > 0 && total > sampled;
    double factor = scale ? (double) total / sampled : 1;
    List<KeyCounts.FamilyCount> counts = new ArrayList<>(families.size());
    for (int i = 0; i < families.size(); i++) {
      KeyFamily family = families.get(i);
      counts.add(
          new KeyCounts.FamilyCount(family.name(), family.pattern(), scaled(inFamily[i], factor)));
    }
    Map<String, Long> kinds = new TreeMap<>();
    byKind.forEach((kind, count) -> kinds.put(kind, scaled(count, factor)));
    return new KeyCounts(
        total,
        sampled,
        complete,
        scale,
        scanMillis,
        countedAt,
        counts,
        scaled(other, factor),
        kinds);
  }

  private int family(String key) {
    for (int i = 0; i < families.size(); i++) {
      if (families.get(i).matches(key)) {
        return i;
      }
    }
    return -1;
  }

  private static long scaled(long count, double factor) {
    return Math.round(count * factor);
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
