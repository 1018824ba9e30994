package io.docfleet.cache;

import io.docfleet.logging.LogSafe;
import io.docfleet.redis.FleetContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.redisson.api.RBatch;
import org.redisson.api.options.KeysScanOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pattern invalidation for operators: {@code SCAN} (never {@code KEYS}) the cache's Redis for names
 * matching a pattern under the deployment's key prefix, and {@code UNLINK} those the provider cache
 * owns in pipelines of {@value #CHUNK}. Redisson's key scan visits every master of a cluster.
 *
 * <p>Only the provider cache's own names are ever removed: entries {@code cache:<type>:...},
 * pointers {@code doc:<type>:...} and indexes {@code doc:index:...}. A pattern such as {@code
 * doc:*} also matches the {@code doc:state:<documentId>} hashes, which are not cache and cannot be
 * computed again: those, and every other name (locks, metrics, queues), are skipped. A pattern that
 * can name no cache key at all ({@code *}, {@code tasks:*}, {@code doc:state:*}) is refused. Each
 * invalidation is logged at INFO with what it removed and what it left alone.
 */
public final class CacheJanitor {
  private static final Logger log = LoggerFactory.getLogger(CacheJanitor.class);

  static final int CHUNK = 500;
  static final String ACCEPTS =
      "a pattern starting with cache:<ocr|entities|structured>: or doc: that can name a cache"
          + " entry, a pointer (doc:<ocr|entities|structured>:...) or an index (doc:index:...),"
          + " never doc:state:";

  private final FleetContext fleet;
  private final List<String> namespaces;

  /** A janitor on the cache's Redis ({@link ProviderCaches#cacheContext}). */
  public CacheJanitor(FleetContext fleet) {
    this.fleet = fleet;
    this.namespaces =
        fleet
            .keys()
            .providerCacheNamespaces(
                Arrays.stream(CacheType.values()).map(CacheType::wireName).toList());
  }

  /**
   * Removes every provider-cache key matching {@code pattern} (a Redis glob such as {@code
   * cache:ocr:*} or {@code doc:*:d-42*}, without the key prefix); returns how many.
   *
   * @throws IllegalArgumentException for a pattern that can name no provider-cache key
   */
  public long invalidateMatching(String pattern) {
    if (!accepts(pattern)) {
      throw new IllegalArgumentException(
          "pattern: expected " + ACCEPTS + ", got '" + pattern + "'");
    }
    KeysScanOptions scan =
        KeysScanOptions.defaults().pattern(fleet.keys().pattern(pattern)).chunkSize(CHUNK);
    long removed = 0;
    long leftAlone = 0;
    List<String> chunk = new ArrayList<>(CHUNK);
    for (String key : fleet.redis().getKeys().getKeys(scan)) {
      if (!ownedByTheCache(key)) {
        leftAlone++;
        continue;
      }
      chunk.add(key);
      if (chunk.size() == CHUNK) {
        removed += unlink(chunk);
        chunk.clear();
      }
    }
    removed += unlink(chunk);
    log.info(
        "invalidated the cache keys matching {}: {} removed, {} matching keys that are not cache"
            + " left alone",
        LogSafe.text(pattern),
        removed,
        leftAlone);
    return removed;
  }

  /**
   * True for a pattern that starts with {@code cache:<type>:} or {@code doc:} and whose literal
   * start (up to its first glob character) could still begin a provider-cache name.
   */
  boolean accepts(String pattern) {
    boolean cacheName = pattern.startsWith("doc:");
    for (CacheType type : CacheType.values()) {
      cacheName |= pattern.startsWith("cache:" + type.wireName() + ":");
    }
    if (!cacheName) {
      return false;
    }
    String head = literalHead(pattern);
    int prefixLength = fleet.keys().prefix().length();
    for (String namespace : namespaces) {
      String name = namespace.substring(prefixLength);
      if (name.startsWith(head) || head.startsWith(name)) {
        return true;
      }
    }
    return false;
  }

  private boolean ownedByTheCache(String key) {
    for (String namespace : namespaces) {
      if (key.startsWith(namespace)) {
        return true;
      }
    }
    return false;
  }

  private static String literalHead(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      if ("*?[\\".indexOf(pattern.charAt(i)) >= 0) {
        return pattern.substring(0, i);
      }
    }
    return pattern;
  }

  private long unlink(List<String> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    RBatch batch = fleet.redis().createBatch();
    keys.forEach(key -> batch.getBucket(key).unlinkAsync());
    long removed = 0;
    for (Object one : batch.execute().getResponses()) {
      removed += Boolean.TRUE.equals(one) ? 1 : 0;
    }
    return removed;
  }
}
