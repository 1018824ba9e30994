package io.docfleet.api.health;

import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.Route;
import io.docfleet.api.queues.QueueRoutes;
import io.docfleet.api.redismonitor.RedisServers;
import io.docfleet.api.spend.BudgetUses;
import io.docfleet.spend.Budgets;
import io.javalin.http.Context;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /health} (the process answers), {@code /ready} (the queue's Redis and PostgreSQL answer;
 * 503 naming which does not, the cache's Redis named as well) and {@code /api/v1/health} (the
 * detailed report with its issues; 503, in the same shape, while a dependency does not answer).
 */
public final class HealthRoutes {
  private final ApiContext api;
  private final HealthReport health;

  public HealthRoutes(ApiContext api, QueueRoutes queues, RedisServers redis, Budgets budgets) {
    this.api = api;
    this.health =
        new HealthReport(api, queues, redis, new BudgetUses(api.fleet(), budgets), probeThreads());
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/health", Access.OPEN, this::alive),
        Route.get("/ready", Access.OPEN, http -> answer(http, health.readiness())),
        Route.get("/api/v1/health", Access.READ, http -> answer(http, health.report())));
  }

  private void alive(Context http) {
    http.json(api.bodies().mapper().createObjectNode().put("status", "ok"));
  }

  private static void answer(Context http, HealthReport.Answer answer) {
    http.status(answer.status()).json(answer.body());
  }

  /**
   * Where the look at PostgreSQL runs, beside the request's thread: daemon threads, made as needed
   * and gone after a minute idle, so the coordinator has nothing to close.
   */
  private static ExecutorService probeThreads() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newCachedThreadPool(
        r -> {
          Thread thread = new Thread(r, "health-probe-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
