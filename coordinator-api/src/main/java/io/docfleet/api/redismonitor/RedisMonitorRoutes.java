package io.docfleet.api.redismonitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.Route;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Redis monitor's routes, served on {@code REDIS_MONITOR_PORT} when {@code
 * REDIS_MONITOR_ENABLED=true}: {@code GET /redis}, both Redis as JSON (each section as the health
 * report has it, with its slow log), and {@code GET /redis/metrics}, the same figures, the keys by
 * family and this process's Redis pools in the Prometheus text format. Reads, as {@code /metrics}
 * is (a token only with {@code COORDINATOR_READ_AUTH=true}); they show no secret: no address, no
 * password, and of the slow log no value ({@link SlowEntry}).
 *
 * <p>Lifecycle: created with the coordinator's {@link RedisServers}; {@link #close} drops its
 * meters.
 */
public final class RedisMonitorRoutes implements AutoCloseable {
  public static final String JSON_PATH = "/redis";
  public static final String METRICS_PATH = "/redis/metrics";
  static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final RedisServers servers;
  private final ObjectMapper json;
  private final Clock clock;
  private final RedisSections sections;
  private final PrometheusMeterRegistry registry;

  public RedisMonitorRoutes(RedisServers servers, ObjectMapper json, Clock clock) {
    this.servers = servers;
    this.json = json;
    this.clock = clock;
    this.sections = new RedisSections(json);
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .getPrometheusRegistry()
        .register(RedisServerCollector.withKeyCounts(servers.byLabel()));
    servers.queue().pool().bindTo(registry);
    if (!servers.cacheShared()) {
      servers.cache().pool().bindTo(registry);
    }
  }

  public List<Route> routes() {
    return List.of(
        Route.get(JSON_PATH, Access.READ, http -> http.json(report())),
        Route.get(METRICS_PATH, Access.READ, this::scrape));
  }

  /** Both Redis, each with its slow log (a shared Redis's read once). */
  public ObjectNode report() {
    RedisServers.Looks looks = servers.look();
    ObjectNode body = json.createObjectNode();
    body.put("checkedAt", clock.instant().toString());
    Map<RedisServer, ObjectNode> slowLogs = new HashMap<>();
    body.set(
        "queue", sections.queue(servers, looks).set("slowLog", slowLog(servers.queue(), slowLogs)));
    ObjectNode cache = sections.cache(servers, looks);
    cache.set("slowLog", slowLog(servers.cache(), slowLogs));
    body.set("cache", cache);
    return body;
  }

  private ObjectNode slowLog(RedisServer server, Map<RedisServer, ObjectNode> read) {
    return read.computeIfAbsent(server, this::slowLog);
  }

  /** {@code error} (null when it was read) and {@code entries}, newest first. */
  private ObjectNode slowLog(RedisServer server) {
    ObjectNode node = json.createObjectNode();
    Outcome<List<SlowEntry>> entries = Outcome.of(server::slowLog);
    node.put("error", entries.errorOrNull());
    ArrayNode list = node.putArray("entries");
    for (SlowEntry entry : entries.answered() ? entries.valueOrNull() : List.<SlowEntry>of()) {
      list.addObject()
          .put("id", entry.id())
          .put("at", entry.at().toString())
          .put("durationMicros", entry.durationMicros())
          .put("command", entry.command())
          .put("argument", entry.argument())
          .put("arguments", entry.arguments())
          .put("client", entry.client());
    }
    return node;
  }

  private void scrape(Context http) {
    http.contentType(METRICS_TYPE).result(registry.scrape());
  }

  @Override
  public void close() {
    registry.close();
  }
}
