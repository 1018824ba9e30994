package io.docfleet.api;

import io.docfleet.api.dashboard.StreamLimit;
import io.docfleet.api.documents.SourceCheck;
import io.docfleet.api.documents.UploadStore;
import io.docfleet.api.http.JsonBodies;
import io.docfleet.api.metrics.CoordinatorMetrics;
import io.docfleet.cache.ProviderCache;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.Database;
import io.docfleet.store.DocumentStore;

/**
 * What every route shares: the fleet's Redis (keys, codec, clock), the cache's Redis and cache,
 * PostgreSQL, the source check and upload store, the body reader, the configuration, the meters
 * {@code /metrics} serves, and the cap on open event streams.
 */
public record ApiContext(
    CoordinatorConfig config,
    FleetContext fleet,
    FleetContext cacheFleet,
    ProviderCache cache,
    Database database,
    DocumentStore store,
    SourceCheck sources,
    UploadStore uploads,
    JsonBodies bodies,
    CoordinatorMetrics metrics,
    StreamLimit streams) {}
