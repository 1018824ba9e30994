package io.docfleet.redis;

/**
 * A family of keys the Redis monitor counts: named for the {@link RedisKeys} method that builds its
 * keys ({@code ready}, {@code inFlight}, {@code cacheEntry}...), and the {@code SCAN MATCH} glob
 * that method's names match, built by that method itself ({@link RedisKeys#families}).
 */
public record KeyFamily(String name, String pattern) {

  /** True when {@code key} matches the pattern, as Redis' {@code SCAN MATCH} would say. */
  public boolean matches(String key) {
    return Glob.matches(pattern, key);
  }
}
