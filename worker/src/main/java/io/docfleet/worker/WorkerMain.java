package io.docfleet.worker;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.pools.ConnectionPool;
import io.docfleet.pools.PoolMonitor;
import io.docfleet.pools.RedisPool;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import io.docfleet.redis.RedisUnreachableException;
import io.docfleet.store.StoreException;
import io.docfleet.task.TaskCodec;
import io.docfleet.webhook.WebhookSettings;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.http.WorkerHttpPort;
import io.docfleet.worker.http.WorkerHttpServer;
import io.docfleet.worker.http.WorkerHttpSettings;
import io.docfleet.worker.http.WorkerReadiness;
import io.docfleet.worker.metrics.WorkerMetrics;
import io.docfleet.worker.pipeline.Pipeline;
import io.docfleet.worker.pipeline.PipelineResources;
import io.docfleet.worker.runtime.UpgradeBlocked;
import io.docfleet.worker.runtime.Worker;
import io.docfleet.worker.webhook.Webhooks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker JVM configured from the environment until SIGTERM, then drains. A worker that
 * serves a pipeline stage ({@code ocr}, {@code entities}, {@code structured}), as one does with no
 * {@code WORKER_TASK_TYPES}, also opens PostgreSQL, the document sources, the provider cache and
 * the engines. It watches its connection pools ({@link PoolMonitor}) and serves {@code /health},
 * {@code /ready} and {@code /metrics} on {@code WORKER_HTTP_PORT} (unless 0; unset, 8081 or a free
 * port when that is taken) from before it starts claiming until after it drained, and publishes the
 * port in its registration.
 *
 * <p>Exits 2 on a bad setting, 1 when Redis or PostgreSQL cannot be reached at start-up or a worker
 * of an older version is still alive in the fleet ({@link UpgradeBlocked}), each with one line on
 * standard error.
 */
public final class WorkerMain {
  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    run(UnaryOperator.identity());
  }

  /**
   * Runs the worker with the built-in handlers as {@code handlers} changes them (the pipeline's are
   * added after): the seam a test's main class uses to wrap a handler, as the failover test does to
   * record every run outside Redis.
   */
  static void run(UnaryOperator<HandlerRegistry> handlers) throws InterruptedException {
    FleetConfig config;
    WorkerHttpSettings httpSettings;
    WebhookSettings webhooks;
    try {
      config = FleetConfig.fromEnv(Env.system());
      httpSettings = WorkerHttpSettings.fromEnv(Env.system());
      webhooks = WebhookSettings.fromEnv(Env.system());
    } catch (ConfigException e) {
      exit(2, "bad configuration: " + e.getMessage());
      return;
    }
    RedissonClient redis;
    try {
      redis = RedisConnector.connect(config.redis(), "docfleet-worker-" + config.worker().id());
    } catch (RedisUnreachableException e) {
      exit(1, e.getMessage());
      return;
    }
    FleetContext fleet =
        new FleetContext(
            redis, new RedisKeys(config.keyPrefix()), new TaskCodec(), Clock.systemUTC());
    WorkerMetrics metrics = WorkerMetrics.withJvm();
    Worker worker;
    PipelineResources pipeline = null;
    PoolMonitor pools = null;
    Optional<WorkerHttpServer> http = Optional.empty();
    try {
      HandlerRegistry registry = handlers.apply(HandlerRegistry.withBuiltins());
      Webhooks.register(registry, webhooks, fleet, config.worker().taskTypes());
      if (Pipeline.isServedBy(config.worker().taskTypes())) {
        pipeline = openPipeline(config, fleet, metrics);
        pipeline.context().cache().bindTo(metrics.registry());
        Pipeline.register(registry, pipeline.context());
      }
      pools = watchPools(config, redis, pipeline, metrics);
      http = WorkerHttpPort.bind(httpSettings, metrics);
      OptionalInt port = http.map(s -> OptionalInt.of(s.port())).orElse(OptionalInt.empty());
      worker = new Worker(fleet, config, registry, metrics, port);
      Worker readied = worker;
      http.ifPresent(s -> s.serve(new WorkerReadiness(readied, fleet)));
      worker.start();
    } catch (ConfigException | StoreException | RedisUnreachableException | UpgradeBlocked e) {
      http.ifPresent(WorkerHttpServer::close);
      if (pools != null) {
        pools.close();
      }
      if (pipeline != null) {
        pipeline.close();
      }
      metrics.close();
      redis.shutdown();
      boolean bad = e instanceof ConfigException;
      exit(bad ? 2 : 1, (bad ? "bad configuration: " : "") + e.getMessage());
      return;
    }
    PipelineResources openedPipeline = pipeline;
    PoolMonitor openedPools = pools;
    Optional<WorkerHttpServer> openedHttp = http;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    worker.drain();
                  } finally {
                    openedPools.close();
                    if (openedPipeline != null) {
                      openedPipeline.close();
                    }
                    openedHttp.ifPresent(WorkerHttpServer::close);
                    metrics.close();
                    redis.shutdown();
                    stopped.countDown();
                  }
                },
                "shutdown"));
    log.info(
        "worker {} running against {} ({} mode){}",
        worker.id(),
        config.redis().primaryAddress(),
        config.redis().mode().name().toLowerCase(),
        openedHttp.map(s -> "; /health, /ready, /metrics on port " + s.port()).orElse(""));
    stopped.await();
  }

  /**
   * Watches the worker's connection pools (the queue's Redis client; the pipeline's PostgreSQL and
   * the cache's own Redis client when it has them): their meters on {@code /metrics}, a warning
   * past 80% of a maximum, and a statistics line every {@code REDIS_MONITOR_INTERVAL}.
   */
  private static PoolMonitor watchPools(
      FleetConfig config, RedissonClient redis, PipelineResources pipeline, WorkerMetrics metrics) {
    List<ConnectionPool> pools = new ArrayList<>();
    pools.add(new RedisPool(RedisPool.QUEUE, redis));
    if (pipeline != null) {
      pools.addAll(pipeline.pools());
    }
    PoolMonitor monitor = new PoolMonitor(pools, config.redis().pool().monitorInterval());
    monitor.bindTo(metrics.registry());
    return monitor.start();
  }

  /**
   * The pipeline's resources. Without WORKER_TASK_TYPES a worker serves the pipeline too, so a
   * PostgreSQL it cannot reach says how to run a worker without it.
   */
  private static PipelineResources openPipeline(
      FleetConfig config, FleetContext fleet, WorkerMetrics metrics) {
    try {
      return PipelineResources.open(
          Env.system(),
          fleet,
          config,
          "docfleet-worker-" + config.worker().id(),
          metrics.providers());
    } catch (StoreException e) {
      if (!config.worker().taskTypes().isEmpty()) {
        throw e;
      }
      throw new StoreException(
          e.getMessage()
              + " (WORKER_TASK_TYPES is unset, so this worker serves the document pipeline, which"
              + " needs PostgreSQL; WORKER_TASK_TYPES=noop,sleep serves the diagnostic types only)",
          e);
    }
  }

  private static void exit(int status, String message) {
    System.err.println("docfleet worker: " + message);
    System.exit(status);
  }
}
