package io.docfleet.api.context;

import io.docfleet.api.http.JsonBodies;
import io.docfleet.cache.ProviderCache;
import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.Database;
import io.docfleet.store.DocumentStore;

/**
 * What the features' routes share: the fleet's Redis (keys, codec, clock), the cache's Redis, the
 * provider cache and whether it is on, PostgreSQL, the body reader, and the queue settings tasks
 * are submitted with. What only one feature needs (its settings, the upload store, the meters) goes
 * to that feature alone.
 */
public record ApiContext(
    FleetContext fleet,
    FleetContext cacheFleet,
    ProviderCache cache,
    boolean cacheEnabled,
    Database database,
    DocumentStore store,
    JsonBodies bodies,
    QueueSettings queue) {}
