package io.docfleet.redis;

import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;

/**
 * Finds and removes every key under one key prefix, for the tests and the demo, which each work
 * under a prefix of their own on a Redis that others share. Uses SCAN, never KEYS, and refuses the
 * empty prefix: that would be the whole database.
 */
public final class PrefixKeys {
  private static final int CHUNK = 500;

  private PrefixKeys() {}

  /** True when at least one key exists under the prefix. */
  public static boolean any(RedissonClient redis, RedisKeys keys) {
    for (String pattern : patterns(keys)) {
      if (redis.getKeys().getKeys(options(pattern).limit(1)).iterator().hasNext()) {
        return true;
      }
    }
    return false;
  }

  /** Removes every key under the prefix, tagged or not; returns how many. */
  public static long deleteAll(RedissonClient redis, RedisKeys keys) {
    long deleted = 0;
    for (String pattern : patterns(keys)) {
      List<String> chunk = new ArrayList<>(CHUNK);
      for (String key : redis.getKeys().getKeys(options(pattern))) {
        chunk.add(key);
        if (chunk.size() == CHUNK) {
          deleted += unlink(redis, chunk);
        }
      }
      deleted += unlink(redis, chunk);
    }
    return deleted;
  }

  private static List<String> patterns(RedisKeys keys) {
    if (keys.prefix().isEmpty()) {
      throw new IllegalArgumentException("refusing to scan or delete the keys of the empty prefix");
    }
    return keys.scanPatterns();
  }

  private static KeysScanOptions options(String pattern) {
    return KeysScanOptions.defaults().pattern(pattern).chunkSize(CHUNK);
  }

  private static long unlink(RedissonClient redis, List<String> chunk) {
    if (chunk.isEmpty()) {
      return 0;
    }
    long unlinked = redis.getKeys().unlink(chunk.toArray(String[]::new));
    chunk.clear();
    return unlinked;
  }
}
