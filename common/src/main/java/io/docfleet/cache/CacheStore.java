package io.docfleet.cache;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/**
 * The cache's reads and writes, each one round trip of plain commands (a read one MGET, a write one
 * pipeline, {@link RBatch}): an entry is a string with its type's TTL, a pointer a string holding
 * its entry's name, a document's index a set of every name written for it. No Lua: no step needs
 * atomicity across these keys, and they live in different cluster slots.
 */
final class CacheStore {
  private final RedissonClient redis;
  private final CacheNames names;
  private final CacheSettings settings;
  private final CompressedValues values;
  private final BoundedCalls calls;
  private final BatchOptions options;

  CacheStore(RedissonClient redis, CacheNames names, CacheSettings settings, BoundedCalls calls) {
    this.redis = redis;
    this.names = names;
    this.settings = settings;
    this.values = new CompressedValues(settings.compressThreshold());
    this.calls = calls;
    this.options =
        BatchOptions.defaults()
            .responseTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
            .retryAttempts(0);
  }

  /**
   * The entries found for {@code lookups}, as stored ({@link #text} reads one), read with their
   * pointers in one MGET (one per hash slot on a cluster, which Redisson splits and sends together:
   * a single multi-key command answers faster and steadier than a pipeline of single GETs); an
   * entry whose pointer is missing or points elsewhere (the same content under another document)
   * gets its pointer written. Empty when the cache is unavailable.
   */
  Optional<Map<CacheLookup, byte[]>> read(Collection<CacheLookup> lookups) {
    if (lookups.isEmpty()) {
      return Optional.of(Map.of());
    }
    List<String> keys = new ArrayList<>(lookups.size() * 2);
    for (CacheLookup lookup : lookups) {
      keys.add(names.entry(lookup.key()));
      keys.add(names.pointer(lookup));
    }
    Optional<Map<String, byte[]>> stored =
        calls.call(
            types(lookups),
            () ->
                redis
                    .getBuckets(ByteArrayCodec.INSTANCE)
                    .<byte[]>getAsync(keys.toArray(String[]::new)));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Map<CacheLookup, byte[]> found = new LinkedHashMap<>();
    List<CacheLookup> unlinked = new ArrayList<>();
    for (CacheLookup lookup : lookups) {
      String entry = names.entry(lookup.key());
      byte[] value = stored.get().get(entry);
      if (value == null) {
        continue;
      }
      found.put(lookup, value);
      byte[] pointer = stored.get().get(names.pointer(lookup));
      if (pointer == null || !entry.equals(new String(pointer, StandardCharsets.UTF_8))) {
        unlinked.add(lookup);
      }
    }
    if (!unlinked.isEmpty()) {
      link(unlinked);
    }
    return Optional.of(found);
  }

  /** The text of an entry as stored; throws {@link UncheckedIOException} on a corrupt one. */
  String text(byte[] stored) {
    return values.decode(stored);
  }

  /** Writes entries, their pointers and their documents' indexes; false when not taken. */
  boolean write(Collection<CacheEntry> entries) {
    if (entries.isEmpty()) {
      return true;
    }
    RBatch batch = redis.createBatch(options);
    Set<String> documents = new HashSet<>();
    for (CacheEntry entry : entries) {
      Duration ttl = settings.ttl(entry.key().type());
      batch
          .<byte[]>getBucket(names.entry(entry.key()), bytes())
          .setAsync(values.encode(entry.value()), ttl);
      addPointer(batch, entry.lookup(), documents);
    }
    expireIndexes(batch, documents);
    return calls.run(types(entries.stream().map(CacheEntry::lookup).toList()), batch::executeAsync);
  }

  /** Which of {@code keys} have an entry, in one round trip; empty when unavailable. */
  Optional<Set<ContentKey>> existing(Collection<ContentKey> keys) {
    if (keys.isEmpty()) {
      return Optional.of(Set.of());
    }
    RBatch batch = redis.createBatch(options);
    Map<ContentKey, RFuture<Boolean>> exists = new LinkedHashMap<>();
    for (ContentKey key : keys) {
      exists.put(key, batch.getBucket(names.entry(key)).isExistsAsync());
    }
    EnumSet<CacheType> types = EnumSet.noneOf(CacheType.class);
    keys.forEach(key -> types.add(key.type()));
    if (!calls.run(types, batch::executeAsync)) {
      return Optional.empty();
    }
    Set<ContentKey> found = new HashSet<>();
    exists.forEach(
        (key, present) -> {
          if (present.toCompletableFuture().join()) {
            found.add(key);
          }
        });
    return Optional.of(found);
  }

  /**
   * Takes the document's index (read and removed in one MULTI), then removes every name it listed
   * in one pipeline. A write that lands after the index was taken starts a new index, so nothing
   * written is ever left unlisted. Returns how many keys were removed, the index included.
   */
  long invalidate(String documentId) {
    String index = names.index(documentId);
    RBatch take =
        redis.createBatch(
            BatchOptions.defaults().executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
    RFuture<Set<String>> listed = take.<String>getSet(index, text()).readAllAsync();
    RFuture<Boolean> indexRemoved = take.getSet(index, text()).unlinkAsync();
    take.execute();
    RBatch drop = redis.createBatch();
    List<RFuture<Boolean>> removed = new ArrayList<>();
    for (String name : listed.toCompletableFuture().join()) {
      removed.add(drop.getBucket(name, text()).unlinkAsync());
    }
    if (!removed.isEmpty()) {
      drop.execute();
    }
    long count = indexRemoved.toCompletableFuture().join() ? 1 : 0;
    for (RFuture<Boolean> one : removed) {
      count += one.toCompletableFuture().join() ? 1 : 0;
    }
    return count;
  }

  /** Writes the pointers (and index) of entries that are already stored. */
  private void link(Collection<CacheLookup> lookups) {
    RBatch batch = redis.createBatch(options);
    Set<String> documents = new HashSet<>();
    lookups.forEach(lookup -> addPointer(batch, lookup, documents));
    expireIndexes(batch, documents);
    calls.run(types(lookups), batch::executeAsync);
  }

  private void addPointer(RBatch batch, CacheLookup lookup, Set<String> documents) {
    String entry = names.entry(lookup.key());
    String pointer = names.pointer(lookup);
    Duration ttl = settings.ttl(lookup.key().type());
    batch.<String>getBucket(pointer, text()).setAsync(entry, ttl);
    String index = names.index(lookup.pointer().documentId());
    batch.<String>getSet(index, text()).addAllAsync(List.of(entry, pointer));
    documents.add(index);
  }

  private void expireIndexes(RBatch batch, Set<String> indexes) {
    for (String index : indexes) {
      batch.getSet(index, text()).expireAsync(settings.longestTtl());
    }
  }

  private static EnumSet<CacheType> types(Collection<CacheLookup> lookups) {
    EnumSet<CacheType> types = EnumSet.noneOf(CacheType.class);
    lookups.forEach(lookup -> types.add(lookup.key().type()));
    return types;
  }

  private static ByteArrayCodec bytes() {
    return ByteArrayCodec.INSTANCE;
  }

  private static StringCodec text() {
    return StringCodec.INSTANCE;
  }
}
