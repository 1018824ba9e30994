package io.docfleet.cache;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The cache switched off ({@code REDIS_ENABLE_OPTIMIZATION=false}): every call computes, nothing is
 * read or written, no key is touched. The rollback when the cache itself is in doubt.
 */
public final class DisabledProviderCache implements ProviderCache {

  @Override
  public <T> T getOrCompute(
      ContentKey key, CachePointer pointer, Callable<String> compute, Reader<T> reader)
      throws Exception {
    new CacheLookup(key, pointer);
    return reader.read(compute.call());
  }

  @Override
  public Map<CacheLookup, String> getAll(Collection<CacheLookup> lookups) {
    return Map.of();
  }

  @Override
  public boolean putAll(Collection<CacheEntry> entries) {
    return false;
  }

  @Override
  public Set<ContentKey> existing(Collection<ContentKey> keys) {
    return Set.of();
  }

  @Override
  public long invalidate(String documentId) {
    return 0;
  }

  @Override
  public void close() {}
}
