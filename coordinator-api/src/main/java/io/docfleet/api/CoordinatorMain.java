package io.docfleet.api;

import io.docfleet.api.background.BackgroundWork;
import io.docfleet.api.redismonitor.RedisMonitorRoutes;
import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.redis.RedisUnreachableException;
import io.docfleet.store.StoreException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the coordinator configured from the environment until SIGTERM: reads {@link
 * CoordinatorConfig} (exit 2 on a bad value, naming the variable), opens Redis and PostgreSQL (exit
 * 1 with one line when either cannot be reached), serves the HTTP API on {@code
 * COORDINATOR_HOST}:{@code COORDINATOR_PORT} and, with {@code REDIS_MONITOR_ENABLED=true}, the
 * Redis monitor on {@code REDIS_MONITOR_PORT} (exit 2 naming the variable when a port is taken),
 * and takes part in the election of the one coordinator that does the background work ({@link
 * BackgroundWork}: preload, cache warming, reconciling). On SIGTERM the server stops first, then
 * the background work (its leadership goes to another coordinator), then the connections.
 */
public final class CoordinatorMain {
  private static final Logger log = LoggerFactory.getLogger(CoordinatorMain.class);

  private CoordinatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    CoordinatorConfig config;
    try {
      config = CoordinatorConfig.fromEnv(Env.system());
    } catch (ConfigException e) {
      System.err.println("docfleet coordinator: bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    CoordinatorResources resources;
    try {
      resources = CoordinatorResources.open(config, Clock.systemUTC());
    } catch (StoreException | RedisUnreachableException e) {
      System.err.println("docfleet coordinator: " + e.getMessage());
      System.exit(1);
      return;
    }
    BackgroundWork backgroundWork = new BackgroundWork(resources.background(), config.background());
    backgroundWork.bindTo(resources.metrics().registry());
    backgroundWork.start();
    ApiServer server;
    try {
      server = ApiServer.start(resources, config.host(), config.port());
    } catch (ConfigException e) { // a port is taken
      backgroundWork.close();
      resources.close();
      System.err.println("docfleet coordinator: bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (config.tokens().isEmpty()) {
      log.warn(
          "COORDINATOR_API_TOKENS is empty: every mutating endpoint answers 401 until it is set");
    }
    if (!config.contentAuth()) {
      log.warn(
          "COORDINATOR_CONTENT_AUTH=false: anyone who reaches the API reads every document's text,"
              + " entities and structured results, and the event stream, without a token");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                    backgroundWork.close();
                  } finally {
                    resources.close();
                    stopped.countDown();
                  }
                },
                "shutdown"));
    log.info(
        "coordinator serving on {}:{} (Redis {}, {} mode; {} API token(s); read auth {};"
            + " content auth {})",
        config.host(),
        server.port(),
        config.fleet().redis().primaryAddress(),
        config.fleet().redis().mode().name().toLowerCase(),
        config.tokens().size(),
        config.readAuth() ? "on" : "off",
        config.contentAuth() ? "on" : "off");
    server
        .redisMonitorPort()
        .ifPresent(
            port ->
                log.info(
                    "Redis monitor serving on {}:{} ({} and {})",
                    config.host(),
                    port,
                    RedisMonitorRoutes.JSON_PATH,
                    RedisMonitorRoutes.METRICS_PATH));
    stopped.await();
  }
}
