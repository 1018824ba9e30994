package io.docfleet.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.dashboard.StreamLimit;
import io.docfleet.api.documents.LocalUploadStore;
import io.docfleet.api.documents.S3UploadStore;
import io.docfleet.api.documents.SourceCheck;
import io.docfleet.api.documents.UploadStore;
import io.docfleet.api.http.JsonBodies;
import io.docfleet.api.metrics.CoordinatorMetrics;
import io.docfleet.cache.DisabledProviderCache;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.ProviderCaches;
import io.docfleet.cache.RedisProviderCache;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import io.docfleet.source.FileSource;
import io.docfleet.store.Database;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.task.TaskCodec;
import java.time.Clock;
import org.redisson.api.RedissonClient;

/**
 * Opens what the coordinator talks to, from its configuration: the fleet's Redis (client name
 * {@code docfleet-coordinator}), the cache (on {@code REDIS_CACHE_URL} when set), PostgreSQL (pool
 * {@code docfleet-coordinator}, migrated), the upload store, and the meters of {@code /metrics};
 * {@link #close} closes them in reverse.
 */
public final class CoordinatorResources implements AutoCloseable {
  public static final String CLIENT_NAME = "docfleet-coordinator";

  private final ApiContext context;

  private CoordinatorResources(ApiContext context) {
    this.context = context;
  }

  public static CoordinatorResources open(CoordinatorConfig config, Clock clock) {
    ObjectMapper mapper = new ObjectMapper();
    RedissonClient redis = RedisConnector.connect(config.fleet().redis(), CLIENT_NAME);
    FleetContext fleet =
        new FleetContext(
            redis, new RedisKeys(config.fleet().keyPrefix()), new TaskCodec(mapper), clock);
    Database database = null;
    FleetContext cacheFleet = fleet;
    try {
      database = Database.start(config.database(), "coordinator");
      cacheFleet = ProviderCaches.cacheContext(config.cache(), fleet, CLIENT_NAME);
      ProviderCache cache =
          config.cache().enabled()
              ? new RedisProviderCache(cacheFleet, config.cache()).start()
              : new DisabledProviderCache();
      UploadStore uploads = uploads(config);
      CoordinatorMetrics metrics = CoordinatorMetrics.open(fleet, cacheFleet, database);
      cache.bindTo(metrics.registry());
      return new CoordinatorResources(
          new ApiContext(
              config,
              fleet,
              cacheFleet,
              cache,
              database,
              new JdbcDocumentStore(database.dataSource(), clock),
              new SourceCheck(new FileSource(config.sources().fileRoots())),
              uploads,
              new JsonBodies(mapper, config.maxBodyBytes()),
              metrics,
              new StreamLimit(config.maxStreams(), metrics.registry())));
    } catch (RuntimeException e) {
      if (database != null) {
        database.close();
      }
      if (cacheFleet.redis() != redis) {
        cacheFleet.redis().shutdown();
      }
      redis.shutdown();
      throw e;
    }
  }

  private static UploadStore uploads(CoordinatorConfig config) {
    if (config.uploads().dir().isPresent()) {
      return new LocalUploadStore(config.uploads().dir().get());
    }
    if (config.uploads().bucket().isPresent()) {
      return new S3UploadStore(
          config.sources().s3Client(),
          config.uploads().bucket().get(),
          config.uploads().keyPrefix());
    }
    return UploadStore.none();
  }

  public ApiContext context() {
    return context;
  }

  @Override
  public void close() {
    context.metrics().close();
    context.cache().close();
    context.database().close();
    if (context.cacheFleet().redis() != context.fleet().redis()) {
      context.cacheFleet().redis().shutdown();
    }
    context.fleet().redis().shutdown();
  }
}
