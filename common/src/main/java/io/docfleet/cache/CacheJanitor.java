package io.docfleet.cache;

import io.docfleet.redis.FleetContext;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RBatch;
import org.redisson.api.options.KeysScanOptions;

/**
 * Pattern invalidation for operators: {@code SCAN} (never {@code KEYS}) for cache entries or
 * document keys matching a pattern, and {@code UNLINK} them in pipelines of {@value #CHUNK}.
 * Redisson's key scan visits every master of a cluster. Only the cache's own names are accepted:
 * {@code cache:<type>:...} and {@code doc:...}, never locks, metrics or the queues.
 */
public final class CacheJanitor {
  static final int CHUNK = 500;
  static final String ACCEPTS = "a pattern starting with cache:<ocr|entities|structured>: or doc:";

  private final FleetContext ctx;

  /** A janitor on the cache's Redis ({@link ProviderCaches#cacheContext}). */
  public CacheJanitor(FleetContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Removes every key matching {@code pattern} (a Redis glob such as {@code cache:ocr:*} or {@code
   * doc:*:d-42*}, without the key prefix); returns how many.
   */
  public long invalidateMatching(String pattern) {
    if (!accepts(pattern)) {
      throw new IllegalArgumentException(
          "pattern: expected " + ACCEPTS + ", got '" + pattern + "'");
    }
    KeysScanOptions scan =
        KeysScanOptions.defaults().pattern(ctx.keys().pattern(pattern)).chunkSize(CHUNK);
    long removed = 0;
    List<String> chunk = new ArrayList<>(CHUNK);
    for (String key : ctx.redis().getKeys().getKeys(scan)) {
      chunk.add(key);
      if (chunk.size() == CHUNK) {
        removed += unlink(chunk);
        chunk.clear();
      }
    }
    return removed + unlink(chunk);
  }

  static boolean accepts(String pattern) {
    if (pattern.startsWith("doc:")) {
      return true;
    }
    for (CacheType type : CacheType.values()) {
      if (pattern.startsWith("cache:" + type.wireName() + ":")) {
        return true;
      }
    }
    return false;
  }

  private long unlink(List<String> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    RBatch batch = ctx.redis().createBatch();
    keys.forEach(key -> batch.getBucket(key).unlinkAsync());
    long removed = 0;
    for (Object one : batch.execute().getResponses()) {
      removed += Boolean.TRUE.equals(one) ? 1 : 0;
    }
    return removed;
  }
}
