package io.docfleet.cache;

import java.util.Objects;

/** A result to store: its content key, the document's pointer to it, and the value (JSON). */
public record CacheEntry(ContentKey key, CachePointer pointer, String value) {

  public CacheEntry {
    new CacheLookup(key, pointer);
    Objects.requireNonNull(value, "value");
  }

  public CacheLookup lookup() {
    return new CacheLookup(key, pointer);
  }
}
