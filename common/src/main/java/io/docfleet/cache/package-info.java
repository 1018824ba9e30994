/**
 * The provider-result cache, so that no provider call is paid twice for the same content.
 *
 * <p>A result is cached under a {@link io.docfleet.cache.ContentKey} (sha256 of the input, engine,
 * engine version or model, settings version) and reached from documents through pointers ({@code
 * doc:ocr:<documentId>}, {@code doc:entities:<documentId>:<chunkId>}) listed in the document's
 * index. The pipeline talks to the narrow {@link io.docfleet.cache.ProviderCache}: {@code
 * getOrCompute} with single flight across the fleet and its batch form {@code getOrComputeAll}
 * (each lookup counted once, a hit or a miss), {@code getAll} / {@code putAll} and {@code existing}
 * for warming, {@code invalidate}. {@link io.docfleet.cache.ProviderCaches#open} picks the Redis
 * implementation or, with {@code REDIS_ENABLE_OPTIMIZATION=false}, the disabled one. Operators and
 * the coordinator use {@link io.docfleet.cache.CacheInspector} (metrics), {@link
 * io.docfleet.cache.CacheJanitor} (pattern invalidation) and {@link
 * io.docfleet.cache.DocumentInvalidation} (forgetting a document: its cache keys and its OCR job's
 * records); provider calls are paced by {@link io.docfleet.cache.ProviderRateLimits}. Key names are
 * in {@code docs/redis-keys.md}.
 */
package io.docfleet.cache;
