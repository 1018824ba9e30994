package io.docfleet.api.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.queues.QueueRoutes;
import io.docfleet.api.redismonitor.Outcome;
import io.docfleet.api.redismonitor.RedisReading;
import io.docfleet.api.redismonitor.RedisSections;
import io.docfleet.api.redismonitor.RedisServer;
import io.docfleet.api.redismonitor.RedisServers;
import io.docfleet.api.spend.BudgetUses;
import io.docfleet.coordination.FleetWorkers;
import io.docfleet.pools.PoolUse;
import io.docfleet.spend.BudgetUse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The coordinator's look at what it depends on, for {@code /ready} and {@code /api/v1/health}: the
 * queue's Redis, the cache's (its own with {@code REDIS_CACHE_URL}, else the queue's), read by
 * their one {@link RedisServers} reader, and PostgreSQL, each looked at concurrently and within a
 * bounded wait; the fleet, read from the queue's Redis; this process's connection pools; the
 * provider budgets' spend; and the issues all that shows. A dependency that does not answer is
 * reported (503, the same shape), never an error.
 */
final class HealthReport {
  private final ApiContext api;
  private final QueueRoutes queues;
  private final RedisServers redis;
  private final PostgresProbe postgres;
  private final RedisSections redisSections;
  private final ReportSections sections;
  private final BudgetUses budgets;
  private final HealthIssues issues = new HealthIssues();

  HealthReport(
      ApiContext api,
      QueueRoutes queues,
      RedisServers redis,
      BudgetUses budgets,
      Executor threads) {
    this.api = api;
    this.budgets = budgets;
    this.queues = queues;
    this.redis = redis;
    this.postgres = new PostgresProbe(api.database(), threads);
    this.redisSections = new RedisSections(api.bodies().mapper());
    this.sections = new ReportSections(api.bodies().mapper());
  }

  /** An answer: its HTTP status and its body. */
  record Answer(int status, ObjectNode body) {}

  /** {@code /ready}: 503 unless the queue's Redis and PostgreSQL answer; the cache is named too. */
  Answer readiness() {
    CompletableFuture<Void> queuePing = redis.queue().ping();
    CompletableFuture<Void> cachePing =
        !redis.cacheEnabled() ? null : redis.cacheShared() ? queuePing : redis.cache().ping();
    Outcome<Double> database = postgres.probe();
    Outcome<Void> queue = Outcome.of(queuePing::get);
    boolean ready = queue.answered() && database.answered();
    ObjectNode body = json().createObjectNode();
    body.put("ready", ready);
    body.put("redis", queue.readiness());
    body.put("cache", cachePing == null ? "disabled" : Outcome.of(cachePing::get).readiness());
    body.put("postgres", database.readiness());
    return new Answer(ready ? 200 : 503, body);
  }

  /**
   * {@code /api/v1/health}: 503 when the queue's Redis, the cache's or PostgreSQL does not answer.
   */
  Answer report() {
    Instant now = api.fleet().clock().instant();
    CompletableFuture<RedisServers.Looks> looking = redis.lookAsync();
    Outcome<Double> database = postgres.probe();
    RedisServers.Looks looks = looking.join();
    Outcome<RedisReading> queue = looks.queue();
    Outcome<RedisReading> cache = looks.cache();
    Outcome<ReportSections.Fleet> fleet =
        queue.then(
            () -> new ReportSections.Fleet(queues.views(), new FleetWorkers(api.fleet()).list()));

    List<Issue> found = new ArrayList<>();
    found.addAll(DependencyIssues.unavailable("redis_unavailable", "the queue's Redis", fleet));
    if (redis.cacheEnabled()) {
      found.addAll(DependencyIssues.unavailable("cache_unavailable", "the cache's Redis", cache));
    }
    found.addAll(DependencyIssues.unavailable("postgres_unavailable", "PostgreSQL", database));
    if (fleet.answered()) {
      found.addAll(
          issues.find(
              queue.valueOrNull().info(),
              fleet.valueOrNull().queues(),
              fleet.valueOrNull().workers(),
              now));
      Outcome<List<BudgetUse>> spent = Outcome.of(budgets::read);
      if (spent.answered()) {
        found.addAll(BudgetIssues.of(spent.valueOrNull()));
      }
    }
    if (redis.cacheEnabled() && cache.answered()) {
      found.addAll(DependencyIssues.cachePolicy(cache.valueOrNull().info(), redis.cacheShared()));
    }
    Outcome<PoolUse> databaseUse = Outcome.of(api.database()::use);
    found.addAll(DependencyIssues.pools(poolUses(databaseUse)));

    ObjectNode body = json().createObjectNode();
    body.put("status", HealthIssues.status(found));
    body.put("checkedAt", now.toString());
    body.set("redis", redisSections.queue(redis, looks));
    body.set("cache", redisSections.cache(redis, looks));
    body.set("postgres", sections.postgres(database, databaseUse));
    body.set("fleet", sections.fleet(fleet));
    body.set("issues", json().valueToTree(found));
    boolean unavailable =
        !fleet.answered() || redis.cacheEnabled() && !cache.answered() || !database.answered();
    return new Answer(unavailable ? 503 : 200, body);
  }

  /** This process's pools that could be read: the queue's Redis, the cache's own, PostgreSQL. */
  private List<PoolUse> poolUses(Outcome<PoolUse> database) {
    List<Outcome<PoolUse>> outcomes = new ArrayList<>();
    for (RedisServer server :
        redis.cacheShared() ? List.of(redis.queue()) : List.of(redis.queue(), redis.cache())) {
      outcomes.add(Outcome.of(server.pool()::use));
    }
    outcomes.add(database);
    List<PoolUse> uses = new ArrayList<>();
    for (Outcome<PoolUse> use : outcomes) {
      if (use.answered()) {
        uses.add(use.valueOrNull());
      }
    }
    return uses;
  }

  private ObjectMapper json() {
    return api.bodies().mapper();
  }
}
