package io.docfleet.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.background.BackgroundContext;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.dashboard.StreamLimit;
import io.docfleet.api.documents.DocumentIntake;
import io.docfleet.api.documents.LocalUploadStore;
import io.docfleet.api.documents.S3UploadStore;
import io.docfleet.api.documents.SourceCheck;
import io.docfleet.api.documents.UploadStore;
import io.docfleet.api.http.JsonBodies;
import io.docfleet.api.metrics.CoordinatorMetrics;
import io.docfleet.api.redismonitor.RedisServers;
import io.docfleet.cache.DisabledProviderCache;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.ProviderCaches;
import io.docfleet.cache.RedisProviderCache;
import io.docfleet.pools.ConnectionPool;
import io.docfleet.pools.PoolMonitor;
import io.docfleet.pools.RedisPool;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import io.docfleet.source.FileSource;
import io.docfleet.store.Database;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.task.TaskCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RedissonClient;

/**
 * Opens what the coordinator talks to, from its configuration: the fleet's Redis (client name
 * {@code docfleet-coordinator}), the cache (on {@code REDIS_CACHE_URL} when set), PostgreSQL (pool
 * {@code docfleet-coordinator}, migrated), the upload store, the meters of {@code /metrics}, the
 * watch over its connection pools, the cap on open event streams, and the one reader of both
 * Redis's figures ({@link RedisServers}); {@link #close} closes them in reverse. What the features
 * share is {@link #api}; the rest goes to the one feature that needs it.
 */
public record CoordinatorResources(
    CoordinatorConfig config,
    ApiContext api,
    DocumentIntake intake,
    CoordinatorMetrics metrics,
    PoolMonitor pools,
    StreamLimit streams,
    RedisServers redis)
    implements AutoCloseable {
  public static final String CLIENT_NAME = "docfleet-coordinator";

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
      DocumentIntake intake =
          new DocumentIntake(
              new SourceCheck(new FileSource(config.sources().fileRoots())),
              uploadStore(config),
              config.maxUploadBytes(),
              config.idempotencyTtl(),
              config.webhooks());
      RedisServers servers = new RedisServers(fleet, cacheFleet, config.cache().enabled());
      CoordinatorMetrics metrics =
          CoordinatorMetrics.open(fleet, cacheFleet, servers, config.budgets());
      cache.bindTo(metrics.registry());
      PoolMonitor pools = watchPools(config, fleet, cacheFleet, database);
      pools.bindTo(metrics.registry());
      ApiContext api =
          new ApiContext(
              fleet,
              cacheFleet,
              cache,
              config.cache().enabled(),
              database,
              new JdbcDocumentStore(database.dataSource(), clock),
              new JsonBodies(mapper, config.maxBodyBytes()),
              config.fleet().queue());
      StreamLimit streams = new StreamLimit(config.maxStreams(), metrics.registry());
      return new CoordinatorResources(
          config, api, intake, metrics, pools.start(), streams, servers);
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

  /**
   * The coordinator's connection pools: its client of the queue's Redis, of the cache's own (with
   * {@code REDIS_CACHE_URL}), and its PostgreSQL pool; their statistics are logged every {@code
   * REDIS_MONITOR_INTERVAL}.
   */
  private static PoolMonitor watchPools(
      CoordinatorConfig config, FleetContext fleet, FleetContext cacheFleet, Database database) {
    List<ConnectionPool> pools = new ArrayList<>();
    pools.add(new RedisPool(RedisPool.QUEUE, fleet.redis()));
    if (cacheFleet.redis() != fleet.redis()) {
      pools.add(new RedisPool(RedisPool.CACHE, cacheFleet.redis()));
    }
    pools.add(database);
    return new PoolMonitor(pools, config.fleet().redis().pool().monitorInterval());
  }

  /** Where uploads go: a folder, a bucket, or nowhere (uploads are refused). */
  private static Optional<UploadStore> uploadStore(CoordinatorConfig config) {
    if (config.uploads().dir().isPresent()) {
      return Optional.of(new LocalUploadStore(config.uploads().dir().get()));
    }
    if (config.uploads().bucket().isPresent()) {
      return Optional.of(
          new S3UploadStore(
              config.sources().s3Client(),
              config.uploads().bucket().get(),
              config.uploads().keyPrefix()));
    }
    return Optional.empty();
  }

  /** What the background work (and the cache routes' warmer) uses, from what the API shares. */
  public BackgroundContext background() {
    return new BackgroundContext(api.fleet(), api.store(), api.cache(), api.queue());
  }

  @Override
  public void close() {
    pools.close();
    metrics.close();
    api.cache().close();
    api.database().close();
    if (api.cacheFleet().redis() != api.fleet().redis()) {
      api.cacheFleet().redis().shutdown();
    }
    api.fleet().redis().shutdown();
  }
}
