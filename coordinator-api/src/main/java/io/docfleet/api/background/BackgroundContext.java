package io.docfleet.api.background;

import io.docfleet.cache.ProviderCache;
import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.DocumentStore;

/**
 * What the background work uses: the fleet's Redis (queues, document states, the election lock),
 * PostgreSQL, the provider cache (on its own Redis when {@code REDIS_CACHE_URL} is set) and the
 * queue settings tasks are submitted with.
 */
public record BackgroundContext(
    FleetContext fleet, DocumentStore store, ProviderCache cache, QueueSettings queue) {}
