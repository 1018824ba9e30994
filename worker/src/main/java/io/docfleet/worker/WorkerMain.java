package io.docfleet.worker;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.TaskCodec;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisConnector;
import io.docfleet.redis.RedisKeys;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.pipeline.Pipeline;
import io.docfleet.worker.pipeline.PipelineResources;
import io.docfleet.worker.runtime.Worker;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker JVM configured from the environment until SIGTERM, then drains. A worker whose
 * {@code WORKER_TASK_TYPES} names a pipeline stage ({@code ocr}, {@code entities}, {@code
 * structured}) also opens PostgreSQL, the document sources, the provider cache and the engines.
 */
public final class WorkerMain {
  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    FleetConfig config;
    try {
      config = FleetConfig.fromEnv(Env.system());
    } catch (ConfigException e) {
      System.err.println("docfleet worker: bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    RedissonClient redis =
        RedisConnector.connect(config.redis(), "docfleet-worker-" + config.worker().id());
    FleetContext fleet =
        new FleetContext(
            redis, new RedisKeys(config.keyPrefix()), new TaskCodec(), Clock.systemUTC());
    Worker worker;
    PipelineResources pipeline = null;
    try {
      HandlerRegistry handlers = HandlerRegistry.withBuiltins();
      if (Pipeline.isServedBy(config.worker().taskTypes())) {
        pipeline =
            PipelineResources.open(
                Env.system(), fleet, config, "docfleet-worker-" + config.worker().id());
        Pipeline.register(handlers, pipeline.context());
      }
      worker = new Worker(fleet, config, handlers);
      worker.start();
    } catch (ConfigException e) {
      System.err.println("docfleet worker: bad configuration: " + e.getMessage());
      if (pipeline != null) {
        pipeline.close();
      }
      redis.shutdown();
      System.exit(2);
      return;
    }
    PipelineResources openedPipeline = pipeline;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    worker.drain();
                  } finally {
                    if (openedPipeline != null) {
                      openedPipeline.close();
                    }
                    redis.shutdown();
                    stopped.countDown();
                  }
                },
                "shutdown"));
    log.info(
        "worker {} running against {} ({} mode)",
        worker.id(),
        config.redis().primaryAddress(),
        config.redis().mode().name().toLowerCase());
    stopped.await();
  }
}
