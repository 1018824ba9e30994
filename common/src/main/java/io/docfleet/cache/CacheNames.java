package io.docfleet.cache;

import io.docfleet.redis.RedisKeys;

/** The cache's key names for content keys, pointers and documents, built by {@link RedisKeys}. */
final class CacheNames {
  private final RedisKeys keys;

  CacheNames(RedisKeys keys) {
    this.keys = keys;
  }

  String entry(ContentKey key) {
    return keys.cacheEntry(
        key.type().wireName(),
        key.sha256(),
        key.engine(),
        key.engineVersion(),
        key.settingsVersion());
  }

  String lock(ContentKey key) {
    return keys.cacheLock(
        key.type().wireName(),
        key.sha256(),
        key.engine(),
        key.engineVersion(),
        key.settingsVersion());
  }

  String pointer(CacheLookup lookup) {
    String type = lookup.key().type().wireName();
    CachePointer pointer = lookup.pointer();
    return pointer
        .chunkId()
        .map(chunk -> keys.chunkPointer(type, pointer.documentId(), chunk))
        .orElseGet(() -> keys.documentPointer(type, pointer.documentId()));
  }

  String index(String documentId) {
    return keys.documentIndex(documentId);
  }
}
