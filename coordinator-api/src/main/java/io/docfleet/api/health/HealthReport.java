package io.docfleet.api.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.queues.QueueRoutes;
import io.docfleet.coordination.FleetWorkers;
import io.docfleet.pools.ConnectionPool;
import io.docfleet.pools.PoolUse;
import io.docfleet.pools.RedisPool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The coordinator's look at what it depends on, for {@code /ready} and {@code /api/v1/health}: the
 * queue's Redis, the cache's (its own with {@code REDIS_CACHE_URL}, else the queue's), PostgreSQL,
 * each looked at concurrently and within a bounded wait; the fleet, read from the queue's Redis;
 * this process's connection pools; and the issues all that shows. A dependency that does not answer
 * is reported (503, the same shape), never an error.
 */
final class HealthReport {
  private final ApiContext api;
  private final QueueRoutes queues;
  private final Executor threads;
  private final RedisProbe queueRedis;
  private final Optional<RedisProbe> ownCacheRedis;
  private final PostgresProbe postgres;
  private final ConnectionPool queuePool;
  private final ConnectionPool cachePool;
  private final ReportSections sections;
  private final HealthIssues issues = new HealthIssues();

  HealthReport(ApiContext api, QueueRoutes queues, Executor threads) {
    this.api = api;
    this.queues = queues;
    this.threads = threads;
    this.queueRedis = new RedisProbe(api.fleet().redis(), api.fleet().keys());
    boolean ownCache = api.cacheFleet().redis() != api.fleet().redis();
    this.ownCacheRedis =
        ownCache
            ? Optional.of(new RedisProbe(api.cacheFleet().redis(), api.cacheFleet().keys()))
            : Optional.empty();
    this.postgres = new PostgresProbe(api.database(), threads);
    this.queuePool = new RedisPool(RedisPool.QUEUE, api.fleet().redis());
    this.cachePool =
        ownCache ? new RedisPool(RedisPool.CACHE, api.cacheFleet().redis()) : queuePool;
    this.sections = new ReportSections(api.bodies().mapper());
  }

  /** An answer: its HTTP status and its body. */
  record Answer(int status, ObjectNode body) {}

  /** {@code /ready}: 503 unless the queue's Redis and PostgreSQL answer; the cache is named too. */
  Answer readiness() {
    CompletableFuture<Void> queuePing = queueRedis.ping();
    CompletableFuture<Void> cachePing =
        api.cacheEnabled() ? ownCacheRedis.map(RedisProbe::ping).orElse(queuePing) : null;
    Outcome<Double> database = postgres.probe();
    Outcome<Void> redis = Outcome.of(queuePing::get);
    boolean ready = redis.answered() && database.answered();
    ObjectNode body = json().createObjectNode();
    body.put("ready", ready);
    body.put("redis", redis.readiness());
    body.put(
        "cache",
        cachePing == null ? ReportSections.DISABLED : Outcome.of(cachePing::get).readiness());
    body.put("postgres", database.readiness());
    return new Answer(ready ? 200 : 503, body);
  }

  /**
   * {@code /api/v1/health}: 503 when the queue's Redis, the cache's or PostgreSQL does not answer.
   */
  Answer report() {
    Instant now = api.fleet().clock().instant();
    CompletableFuture<Outcome<RedisProbe.Reading>> queueLook =
        CompletableFuture.supplyAsync(queueRedis::probe, threads);
    CompletableFuture<Outcome<RedisProbe.Reading>> cacheLook =
        api.cacheEnabled()
            ? ownCacheRedis
                .map(probe -> CompletableFuture.supplyAsync(probe::probe, threads))
                .orElse(queueLook)
            : CompletableFuture.completedFuture(new Outcome.Unavailable<>(null, null));
    Outcome<Double> database = postgres.probe();
    Outcome<RedisProbe.Reading> redis = queueLook.join();
    Outcome<RedisProbe.Reading> cache = cacheLook.join();
    Outcome<ReportSections.Fleet> fleet =
        redis.then(
            () -> new ReportSections.Fleet(queues.views(), new FleetWorkers(api.fleet()).list()));
    Outcome<PoolUse> queueUse = Outcome.of(queuePool::use);
    Outcome<PoolUse> cacheUse = Outcome.of(cachePool::use);
    Outcome<PoolUse> databaseUse = Outcome.of(api.database()::use);

    List<Issue> found = new ArrayList<>();
    found.addAll(DependencyIssues.unavailable("redis_unavailable", "the queue's Redis", fleet));
    if (api.cacheEnabled()) {
      found.addAll(DependencyIssues.unavailable("cache_unavailable", "the cache's Redis", cache));
    }
    found.addAll(DependencyIssues.unavailable("postgres_unavailable", "PostgreSQL", database));
    if (fleet.answered()) {
      found.addAll(
          issues.find(
              redis.valueOrNull().info(),
              fleet.valueOrNull().queues(),
              fleet.valueOrNull().workers(),
              now));
    }
    if (api.cacheEnabled() && cache.answered()) {
      found.addAll(
          DependencyIssues.cachePolicy(cache.valueOrNull().info(), ownCacheRedis.isEmpty()));
    }
    List<PoolUse> uses = new ArrayList<>();
    for (Outcome<PoolUse> use :
        ownCacheRedis.isPresent()
            ? List.of(queueUse, cacheUse, databaseUse)
            : List.of(queueUse, databaseUse)) {
      if (use.answered()) {
        uses.add(use.valueOrNull());
      }
    }
    found.addAll(DependencyIssues.pools(uses));

    ObjectNode body = json().createObjectNode();
    body.put("status", HealthIssues.status(found));
    body.put("checkedAt", now.toString());
    body.set("redis", sections.redis(redis, queueUse));
    ObjectNode cacheSection =
        api.cacheEnabled() ? sections.redis(cache, cacheUse) : sections.disabledRedis(cacheUse);
    cacheSection.put("enabled", api.cacheEnabled());
    cacheSection.put("sharedWithQueue", ownCacheRedis.isEmpty());
    body.set("cache", cacheSection);
    body.set("postgres", sections.postgres(database, databaseUse));
    body.set("fleet", sections.fleet(fleet));
    body.set("issues", json().valueToTree(found));
    boolean unavailable =
        !fleet.answered() || api.cacheEnabled() && !cache.answered() || !database.answered();
    return new Answer(unavailable ? 503 : 200, body);
  }

  private ObjectMapper json() {
    return api.bodies().mapper();
  }
}
