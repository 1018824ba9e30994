package io.docfleet.api;

import io.docfleet.api.auth.AuthGuard;
import io.docfleet.api.auth.BearerTokens;
import io.docfleet.api.background.CacheWarmer;
import io.docfleet.api.cache.CacheRoutes;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.dashboard.DashboardFeed;
import io.docfleet.api.dashboard.DashboardRoutes;
import io.docfleet.api.documents.DocumentRoutes;
import io.docfleet.api.documents.DocumentSearchRoutes;
import io.docfleet.api.groups.GroupRoutes;
import io.docfleet.api.health.HealthRoutes;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.IgnoredMethodOverride;
import io.docfleet.api.http.JsonErrorPages;
import io.docfleet.api.http.Route;
import io.docfleet.api.metrics.MetricsRoutes;
import io.docfleet.api.queues.QueueDetailRoutes;
import io.docfleet.api.queues.QueueRoutes;
import io.docfleet.api.redismonitor.RedisMonitorRoutes;
import io.docfleet.api.spend.BudgetRoutes;
import io.docfleet.api.spend.SpendRoutes;
import io.docfleet.api.tasks.TaskDetailRoutes;
import io.docfleet.api.tasks.TaskRoutes;
import io.docfleet.api.webhooks.WebhookRoutes;
import io.docfleet.api.workers.WorkerRoutes;
import io.docfleet.config.ConfigException;
import io.docfleet.logging.LogSafe;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The coordinator's HTTP server (Javalin on Jetty): every feature's routes behind the auth guard,
 * errors as {@code {"error": ..., "field": ...}} (Jetty's own refusals too, see {@link
 * JsonErrorPages}), and the OpenAPI description at {@code /openapi.json}. The method is the request
 * line's ({@link IgnoredMethodOverride}). The request log has method, path, status and time, never
 * a header, so tokens stay out of it; what a client sent is logged through {@link LogSafe}, so it
 * cannot break a log line. Each listener is set up by {@link Listeners}.
 *
 * <p>This is where the features are wired: each gets the shared {@link ApiContext} and what only it
 * needs from {@link CoordinatorResources}; no feature knows this class.
 *
 * <p>With {@code REDIS_MONITOR_ENABLED=true} a second listener, on {@code REDIS_MONITOR_PORT} of
 * the same address, serves the Redis monitor ({@link RedisMonitorRoutes}) with the same auth and
 * error answers. A port that is taken stops start-up naming its variable.
 *
 * <p>Lifecycle: {@link #start} starts the live dashboard's feed, binds and serves; {@link #close}
 * stops the monitor, ends the dashboard's streams and stops (Jetty lets running requests finish
 * briefly). The {@link CoordinatorResources} belong to the caller.
 */
public final class ApiServer implements AutoCloseable {
  static final String OPENAPI_RESOURCE = "/io/docfleet/api/openapi.json";

  private final Javalin app;
  private final List<Route> routes;
  private final DashboardFeed dashboard;
  private final Optional<RedisMonitor> monitor;

  private ApiServer(
      Javalin app, List<Route> routes, DashboardFeed dashboard, Optional<RedisMonitor> monitor) {
    this.app = app;
    this.routes = routes;
    this.dashboard = dashboard;
    this.monitor = monitor;
  }

  /** The Redis monitor's listener and its routes. */
  private record RedisMonitor(Javalin app, RedisMonitorRoutes routes) {}

  /** Every route of the API, in the order they are registered. */
  static List<Route> routes(
      CoordinatorResources resources, QueueRoutes queues, DashboardFeed dashboard) {
    ApiContext api = resources.api();
    CoordinatorConfig config = resources.config();
    List<Route> routes = new ArrayList<>();
    routes.addAll(
        new HealthRoutes(api, queues, resources.redis(), resources.config().budgets()).routes());
    routes.add(Route.get("/openapi.json", Access.OPEN, ApiServer::openApi));
    routes.addAll(new DocumentRoutes(api, resources.intake()).routes());
    routes.addAll(new DocumentSearchRoutes(api).routes());
    routes.addAll(new TaskRoutes(api).routes());
    routes.addAll(new TaskDetailRoutes(api).routes());
    routes.addAll(queues.routes());
    routes.addAll(new QueueDetailRoutes(api, queues).routes());
    routes.addAll(new GroupRoutes(api, resources.intake().webhooks()).routes());
    routes.addAll(new WorkerRoutes(api).routes());
    routes.addAll(new WebhookRoutes(api).routes());
    routes.addAll(new SpendRoutes(api).routes());
    routes.addAll(new BudgetRoutes(api, config.budgets()).routes());
    CacheWarmer warmer = new CacheWarmer(resources.background(), config.background());
    routes.addAll(new CacheRoutes(api, warmer).routes());
    routes.addAll(new DashboardRoutes(dashboard, resources.streams()).routes());
    routes.addAll(new MetricsRoutes(resources.metrics()).routes());
    return List.copyOf(routes);
  }

  /**
   * Starts serving on {@code host}:{@code port}, and the Redis monitor on {@code
   * REDIS_MONITOR_PORT} when it is enabled.
   */
  public static ApiServer start(CoordinatorResources resources, String host, int port) {
    return start(resources, host, port, resources.config().redisMonitor().port());
  }

  /**
   * Starts serving on {@code host}:{@code port}, and, with {@code REDIS_MONITOR_ENABLED=true}, the
   * Redis monitor on {@code host}:{@code monitorPort} (0 picks a free port for either).
   *
   * @throws ConfigException when a port is taken, naming its variable
   */
  public static ApiServer start(
      CoordinatorResources resources, String host, int port, int monitorPort) {
    CoordinatorConfig config = resources.config();
    QueueRoutes queues = new QueueRoutes(resources.api());
    DashboardFeed dashboard =
        new DashboardFeed(resources.api(), queues, config.dashboard(), resources.redis())
            .bindTo(resources.metrics().registry())
            .start();
    Javalin app = null;
    try {
      List<Route> routes = routes(resources, queues, dashboard);
      AuthGuard guard =
          new AuthGuard(new BearerTokens(config.tokens()), config.readAuth(), config.contentAuth());
      app =
          Listeners.listen(
              Javalin.create(cfg -> Listeners.configure(cfg, resources, routes, guard)),
              host,
              port,
              "COORDINATOR_PORT",
              "give each coordinator on a host its own COORDINATOR_PORT");
      Optional<RedisMonitor> monitor =
          config.redisMonitor().enabled()
              ? Optional.of(startRedisMonitor(resources, guard, host, monitorPort))
              : Optional.empty();
      return new ApiServer(app, routes, dashboard, monitor);
    } catch (RuntimeException e) {
      if (app != null) {
        app.stop();
      }
      dashboard.close();
      throw e;
    }
  }

  private static RedisMonitor startRedisMonitor(
      CoordinatorResources resources, AuthGuard guard, String host, int port) {
    RedisMonitorRoutes monitor =
        new RedisMonitorRoutes(
            resources.redis(), resources.api().bodies().mapper(), resources.api().fleet().clock());
    try {
      List<Route> routes = monitor.routes();
      Javalin app =
          Listeners.listen(
              Javalin.create(cfg -> Listeners.configure(cfg, resources, routes, guard)),
              host,
              port,
              "REDIS_MONITOR_PORT",
              "give each coordinator on a host its own REDIS_MONITOR_PORT, or set"
                  + " REDIS_MONITOR_ENABLED=false");
      return new RedisMonitor(app, monitor);
    } catch (RuntimeException e) {
      monitor.close();
      throw e;
    }
  }

  private static void openApi(Context http) {
    try (InputStream in = ApiServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + OPENAPI_RESOURCE);
      }
      http.contentType("application/json").result(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return app.port();
  }

  public List<Route> routes() {
    return routes;
  }

  /** The routes Javalin itself holds, as {@code METHOD path}: what the server really serves. */
  public List<String> servedRoutes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(p -> p.endpoint.method.name() + " " + p.endpoint.path)
        .toList();
  }

  /** The live dashboard's feed (its streams end when the server closes). */
  public DashboardFeed dashboard() {
    return dashboard;
  }

  /** The Redis monitor's port, when it is served. */
  public OptionalInt redisMonitorPort() {
    return monitor.map(m -> OptionalInt.of(m.app().port())).orElse(OptionalInt.empty());
  }

  @Override
  public void close() {
    try {
      monitor.ifPresent(m -> m.app().stop());
      dashboard.close();
    } finally {
      app.stop();
      monitor.ifPresent(m -> m.routes().close());
    }
  }
}
