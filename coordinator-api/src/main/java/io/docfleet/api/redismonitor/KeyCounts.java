package io.docfleet.api.redismonitor;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One count of a Redis's keys by family ({@link io.docfleet.redis.RedisKeys#families}), taken with
 * {@code SCAN} on every master.
 *
 * @param total the keys of the database ({@code DBSIZE}, over every master)
 * @param sampled the keys the scan looked at (the fleet's only, under a key prefix)
 * @param complete whether the scan went through the whole keyspace within its time: the counts are
 *     then exact (as exact as a {@code SCAN} of a changing keyspace is)
 * @param scaled whether the counts of a scan cut short were scaled to {@code total} (the fleet owns
 *     the whole database: no key prefix); else a count cut short is a lower bound
 * @param scanMillis how long the scan took
 * @param countedAt when it started
 * @param byFamily the keys of each family, in the order of the families
 * @param other the keys of the fleet (under its prefix; every key without one) in no family
 * @param byKind the keys by their first name segment after the prefix ({@code tasks}, {@code
 *     cache}...; {@code other} outside the prefix)
 */
public record KeyCounts(
    long total,
    long sampled,
    boolean complete,
    boolean scaled,
    long scanMillis,
    Instant countedAt,
    List<FamilyCount> byFamily,
    long other,
    Map<String, Long> byKind) {

  /** No keys counted: what a Redis that did not answer shows. */
  public static final KeyCounts NONE =
      new KeyCounts(0, 0, false, false, 0, Instant.EPOCH, List.of(), 0, Map.of());

  public KeyCounts {
    byFamily = List.copyOf(byFamily);
    byKind = Collections.unmodifiableMap(new TreeMap<>(byKind));
  }

  /** The keys of one family, and the pattern they match. */
  public record FamilyCount(String name, String pattern, long count) {}
}
