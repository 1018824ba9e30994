package io.docfleet.worker.pipeline;

import io.docfleet.cache.CacheSettings;
import io.docfleet.cache.Provider;
import io.docfleet.cache.ProviderCache;
import io.docfleet.cache.ProviderCaches;
import io.docfleet.cache.ProviderRateLimits;
import io.docfleet.cache.RateDecision;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.pools.ConnectionPool;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.source.DocumentSources;
import io.docfleet.source.SourceSettings;
import io.docfleet.spend.BudgetSettings;
import io.docfleet.spend.ProviderPrices;
import io.docfleet.store.Database;
import io.docfleet.store.DatabaseSettings;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.worker.extraction.Extractors;
import io.docfleet.worker.metrics.ProviderLatencies;
import io.docfleet.worker.ocr.OcrEngines;
import io.docfleet.worker.provider.CallPermits;
import io.docfleet.worker.provider.PermitSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a pipeline worker opens from its environment: PostgreSQL (migrated at start-up), the
 * document sources, the provider cache, the engines. Closed together when the worker stops.
 */
public final class PipelineResources implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineResources.class);

  /** How long a provider call waits for a rate-limit permit before its task is re-scheduled. */
  static final Duration PERMIT_WAIT = PermitSettings.DEFAULT_MAX_WAIT;

  private final PipelineContext context;
  private final List<AutoCloseable> opened;
  private final List<ConnectionPool> pools;

  private PipelineResources(
      PipelineContext context, List<AutoCloseable> opened, List<ConnectionPool> pools) {
    this.context = context;
    this.opened = opened;
    this.pools = pools;
  }

  /** Opens every resource; a bad setting fails here, naming its variable. */
  public static PipelineResources open(
      Env env, FleetContext fleet, FleetConfig config, String clientName) {
    return open(env, fleet, config, clientName, ProviderLatencies.unpublished());
  }

  /** Opens every resource, recording provider call latencies into {@code latencies}. */
  public static PipelineResources open(
      Env env,
      FleetContext fleet,
      FleetConfig config,
      String clientName,
      ProviderLatencies latencies) {
    List<AutoCloseable> opened = new ArrayList<>();
    EngineSettings engines = EngineSettings.fromEnv(env);
    SourceSettings sources = SourceSettings.fromEnv(env);
    CacheSettings cacheSettings = CacheSettings.fromEnv(env);
    Database database = Database.start(DatabaseSettings.fromEnv(env), "worker");
    opened.add(database);
    ProviderCache cache = ProviderCaches.open(cacheSettings, fleet, clientName);
    opened.add(cache);
    ProviderRateLimits limits = new ProviderRateLimits(fleet, cacheSettings);
    PermitSettings permitSettings = PermitSettings.fromEnv(env);
    CallPermits openAi = permits(limits, Provider.OPENAI, permitSettings);
    PipelineContext context =
        new PipelineContext(
            fleet,
            new JdbcDocumentStore(database.dataSource(), fleet.clock()),
            DocumentSources.from(sources),
            cache,
            new TaskSubmitter(fleet, config.queue()),
            keep(
                opened,
                OcrEngines.create(
                    engines.ocr(), permits(limits, Provider.TEXTRACT, permitSettings))),
            engines.ocr().textractJobs(),
            Extractors.chunker(engines.extraction()),
            keep(opened, Extractors.entityExtractor(engines.extraction(), openAi)),
            keep(opened, Extractors.structuredExtractor(engines.extraction(), openAi)),
            config.queue().maxAttempts(),
            latencies,
            ProviderPrices.fromEnv(env, LocalDate.now(fleet.clock())),
            BudgetSettings.fromEnv(env));
    List<ConnectionPool> pools = new ArrayList<>(cache.pools());
    pools.add(database);
    return new PipelineResources(context, opened, List.copyOf(pools));
  }

  /**
   * A provider's calls take permits of the fleet-wide limits (kept on the queue's Redis), waiting
   * up to {@link #PERMIT_WAIT}; a call still held back re-schedules its task.
   */
  static CallPermits permits(ProviderRateLimits limits, Provider provider) {
    return permits(limits, provider, PermitSettings.defaults());
  }

  /**
   * A provider's calls take permits of the fleet-wide limits, waiting up to {@code RATE_LIMIT_WAIT}
   * in place; a call still held back re-schedules its task for the permits' spacing, at most {@code
   * RATE_LIMIT_DEFER_MAX}.
   */
  public static CallPermits permits(
      ProviderRateLimits limits, Provider provider, PermitSettings settings) {
    return operation -> {
      RateDecision decision =
          settings.maxWait().isZero()
              ? limits.tryAcquire(provider, operation)
              : limits.acquire(provider, operation, settings.maxWait());
      if (decision instanceof RateDecision.Wait wait) {
        Duration after = wait.retryAfter();
        return Optional.of(after.compareTo(settings.maxDefer()) > 0 ? settings.maxDefer() : after);
      }
      return Optional.empty();
    };
  }

  public PipelineContext context() {
    return context;
  }

  /** The connection pools the pipeline opened: PostgreSQL's, and the cache's own Redis client's. */
  public List<ConnectionPool> pools() {
    return pools;
  }

  private static <T> T keep(List<AutoCloseable> opened, T resource) {
    if (resource instanceof AutoCloseable closeable) {
      opened.add(closeable);
    }
    return resource;
  }

  @Override
  public void close() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", opened.get(i).getClass().getSimpleName(), e.toString());
      }
    }
  }
}
