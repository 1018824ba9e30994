package io.docfleet.api.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.Route;
import io.docfleet.api.queues.QueueRoutes;
import io.docfleet.api.queues.QueueView;
import io.docfleet.config.RedisSettings;
import io.docfleet.coordination.FleetWorkers;
import io.docfleet.coordination.WorkerInfo;
import io.docfleet.pools.PoolUse;
import io.javalin.http.Context;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;

/**
 * {@code /health} (the process answers), {@code /ready} (Redis and PostgreSQL answer; 503 when
 * either does not) and {@code /api/v1/health} (the detailed report with its issues).
 */
public final class HealthRoutes {
  private final ApiContext api;
  private final QueueRoutes queues;
  private final RedisProbe probe;
  private final int maxPoolSize;
  private final HealthIssues issues = new HealthIssues();

  /**
   * Probes the fleet's Redis as {@code redisMode} deploys it; reports the PostgreSQL pool against
   * its {@code maxPoolSize} ({@code DATABASE_POOL_SIZE}).
   */
  public HealthRoutes(
      ApiContext api, QueueRoutes queues, RedisSettings.Mode redisMode, int maxPoolSize) {
    this.api = api;
    this.queues = queues;
    this.probe = new RedisProbe(api.fleet().redis(), redisMode);
    this.maxPoolSize = maxPoolSize;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/health", Access.OPEN, this::alive),
        Route.get("/ready", Access.OPEN, this::ready),
        Route.get("/api/v1/health", Access.READ, this::report));
  }

  private ObjectMapper json() {
    return api.bodies().mapper();
  }

  private void alive(Context http) {
    http.json(json().createObjectNode().put("status", "ok"));
  }

  private void ready(Context http) {
    String redis = check(this::pingRedis);
    String postgres = check(this::pingPostgres);
    boolean ready = redis.equals("ok") && postgres.equals("ok");
    ObjectNode answer = json().createObjectNode();
    answer.put("ready", ready);
    answer.put("redis", redis);
    answer.put("postgres", postgres);
    http.status(ready ? 200 : 503).json(answer);
  }

  private void report(Context http) throws Exception {
    Instant now = api.fleet().clock().instant();
    RedisProbe.Probe redis = probe.probe();
    List<QueueView> queueViews = queues.views();
    List<WorkerInfo> workers = new FleetWorkers(api.fleet()).list();
    List<Issue> found = issues.find(redis.info(), queueViews, workers, now);

    ObjectNode answer = json().createObjectNode();
    answer.put("status", HealthIssues.status(found));
    answer.put("checkedAt", now.toString());
    answer.set("redis", redisReport(redis));
    answer.set("postgres", postgresReport());
    ObjectNode fleet = answer.putObject("fleet");
    fleet.put("workers", workers.size());
    fleet.put("lostWorkers", workers.stream().filter(WorkerInfo::isLost).count());
    fleet.put("queues", queueViews.size());
    answer.set("issues", json().valueToTree(found));
    http.json(answer);
  }

  private ObjectNode redisReport(RedisProbe.Probe probe) {
    RedisInfo info = probe.info();
    ObjectNode redis = json().createObjectNode();
    redis.put("pingMs", probe.pingMillis());
    redis.put("version", info.version());
    redis.put("mode", info.mode());
    redis.put("masters", probe.masters());
    redis.put("uptimeSeconds", info.uptimeSeconds());
    ObjectNode memory = redis.putObject("memory");
    memory.put("usedBytes", info.usedMemory());
    memory.put("maxBytes", info.maxMemory());
    memory.put("peakBytes", info.peakMemory());
    memory.put("usedRatio", info.memoryRatio());
    redis.put("maxmemoryPolicy", info.maxMemoryPolicy());
    redis.put("evictionRisk", info.mayEvictQueueKeys());
    ObjectNode clients = redis.putObject("clients");
    clients.put("connected", info.connectedClients());
    clients.put("blocked", info.blockedClients());
    redis.put("opsPerSecond", info.opsPerSecond());
    if (info.hitRate() == null) {
      redis.putNull("keyspaceHitRate");
    } else {
      redis.put("keyspaceHitRate", info.hitRate());
    }
    redis.put("evictedKeys", info.evictedKeys());
    KeySample.Counts keys = KeySample.take(api.fleet().redis(), api.fleet().keys());
    ObjectNode keyNode = redis.putObject("keys");
    keyNode.put("total", keys.total());
    keyNode.put("sampled", keys.sampled());
    keyNode.set("byPrefix", json().valueToTree(keys.estimatedByKind()));
    redis.set("connectionsByClient", json().valueToTree(probe.connections()));
    return redis;
  }

  private ObjectNode postgresReport() {
    ObjectNode postgres = json().createObjectNode();
    long start = System.nanoTime();
    String status = check(this::pingPostgres);
    postgres.put("status", status);
    postgres.put("pingMs", (System.nanoTime() - start) / 1e6);
    PoolUse pool = api.database().use();
    ObjectNode poolNode = postgres.putObject("pool");
    poolNode.put("name", api.database().poolName());
    poolNode.put("active", pool.active());
    poolNode.put("idle", pool.idle());
    poolNode.put("waiting", pool.pending());
    poolNode.put("total", pool.open());
    poolNode.put("max", maxPoolSize);
    return postgres;
  }

  private void pingRedis() {
    if (!probe.ping()) {
      throw new IllegalStateException("no PONG within 2 s");
    }
  }

  private void pingPostgres() throws Exception {
    try (Connection connection = api.database().dataSource().getConnection()) {
      if (!connection.isValid(2)) {
        throw new IllegalStateException("the connection is not valid");
      }
    }
  }

  /** {@code ok}, or what went wrong (the exception's class: messages may carry addresses). */
  private static String check(ThrowingCheck check) {
    try {
      check.run();
      return "ok";
    } catch (Exception e) {
      return "failed: " + e.getClass().getSimpleName();
    }
  }

  @FunctionalInterface
  private interface ThrowingCheck {
    void run() throws Exception;
  }
}
