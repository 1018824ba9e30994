package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code docfleet health}: the coordinator's detailed health report (the queue's and the cache's
 * Redis, PostgreSQL, their pools, the fleet, issues), shown also when a dependency does not answer
 * (the API's 503). Exits 1 when the report's status is {@code critical}, so a script or probe can
 * act.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "Show Redis, the cache, PostgreSQL, their pools, the fleet and the issues found.",
      "Exits 1 when the status is critical."
    })
final class HealthCommand implements Callable<Integer> {
  static final String PATH = "/api/v1/health";

  private final CliContext cli;

  @Mixin JsonOption output;

  HealthCommand(CliContext cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    JsonNode report = read(cli.client());
    if (output.json) {
      cli.printJson(report);
    } else {
      cli.out().println("status      " + Formats.text(report, "status"));
      lines(report).forEach(cli.out()::println);
      issues(report).forEach(cli.out()::println);
    }
    return "critical".equals(Formats.text(report, "status")) ? CliFailure.FAILED : CliFailure.OK;
  }

  /** The report, also when it comes with 503 (a dependency does not answer). */
  static JsonNode read(ApiClient client) {
    return client.get(PATH, 503);
  }

  /** Redis, the cache, PostgreSQL and fleet lines (the monitor shows them too). */
  static List<String> lines(JsonNode report) {
    List<String> lines = new ArrayList<>(redis("Redis", report.path("redis")));
    JsonNode cache = report.path("cache");
    if ("disabled".equals(Formats.text(cache, "status"))) {
      lines.add("Cache       disabled (REDIS_ENABLE_OPTIMIZATION=false)");
    } else if (cache.path("sharedWithQueue").asBoolean()) {
      lines.add("Cache       " + Formats.text(cache, "status") + ", on the queue's Redis");
    } else if (!cache.isMissingNode()) {
      lines.addAll(redis("Cache", cache));
    }
    JsonNode postgres = report.path("postgres");
    lines.add(
        available(postgres)
            ? String.format(
                Locale.ROOT,
                "PostgreSQL  ok, ping %.1f ms, pool %s",
                postgres.path("pingMs").asDouble(),
                pool(postgres.path("pool")))
            : "PostgreSQL  unavailable: " + Formats.text(postgres, "error"));
    JsonNode fleet = report.path("fleet");
    lines.add(
        fleet.path("workers").isNumber()
            ? String.format(
                Locale.ROOT,
                "Fleet       %d workers (%d lost), %d queues",
                Formats.number(fleet, "workers"),
                Formats.number(fleet, "lostWorkers"),
                Formats.number(fleet, "queues"))
            : "Fleet       unknown (the queue's Redis does not answer)");
    return lines;
  }

  /** One Redis: its server, memory and load, or why it did not answer; and the client's pool. */
  private static List<String> redis(String title, JsonNode redis) {
    String head = String.format(Locale.ROOT, "%-12s", title);
    List<String> lines = new ArrayList<>();
    if (!available(redis)) {
      lines.add(head + "unavailable: " + Formats.text(redis, "error"));
      lines.add("  pool      " + pool(redis.path("pool")));
      return lines;
    }
    JsonNode memory = redis.path("memory");
    long max = Formats.number(memory, "maxBytes");
    lines.add(
        String.format(
            Locale.ROOT,
            "%s%s %s, ping %.1f ms, up %s",
            head,
            Formats.text(redis, "version"),
            Formats.text(redis, "mode"),
            redis.path("pingMs").asDouble(),
            Formats.age(Formats.number(redis, "uptimeSeconds") * 1000)));
    lines.add(
        String.format(
            Locale.ROOT,
            "  memory    %s used of %s (%s), peak %s, policy %s%s",
            Formats.bytes(Formats.number(memory, "usedBytes")),
            max > 0 ? Formats.bytes(max) : "no limit",
            max > 0 ? Formats.percent(memory.get("usedRatio")) : "-",
            Formats.bytes(Formats.number(memory, "peakBytes")),
            Formats.text(redis, "maxmemoryPolicy"),
            redis.path("evictionRisk").asBoolean() ? " (may evict queue keys!)" : ""));
    lines.add(
        String.format(
            Locale.ROOT,
            "  load      %d ops/s, %d commands, %d clients (%d blocked), keyspace hit rate %s,"
                + " %d evicted",
            Formats.number(redis, "opsPerSecond"),
            Formats.number(redis, "commandsProcessed"),
            Formats.number(redis.path("clients"), "connected"),
            Formats.number(redis.path("clients"), "blocked"),
            Formats.percent(redis.get("keyspaceHitRate")),
            Formats.number(redis, "evictedKeys")));
    if (redis.has("pool")) {
      lines.add("  pool      " + pool(redis.path("pool")));
    }
    return lines;
  }

  /** A section that answered; one without a status (an older coordinator's) counts as answered. */
  private static boolean available(JsonNode section) {
    String status = Formats.text(section, "status");
    return status.equals("ok") || status.equals("-");
  }

  private static String pool(JsonNode pool) {
    return String.format(
        Locale.ROOT,
        "%d of %d in use, %d idle, %d pending",
        Formats.number(pool, "active"),
        Formats.number(pool, "max"),
        Formats.number(pool, "idle"),
        Formats.number(pool, "pending"));
  }

  static List<String> issues(JsonNode report) {
    JsonNode found = report.path("issues");
    List<String> lines = new ArrayList<>();
    if (found.size() == 0) {
      lines.add("Issues      none");
      return lines;
    }
    lines.add("Issues");
    Table table = new Table("SEVERITY", "CODE", "MESSAGE");
    for (JsonNode issue : found) {
      table.row(
          Formats.text(issue, "severity"),
          Formats.text(issue, "code"),
          Formats.text(issue, "message"));
    }
    table.lines().forEach(line -> lines.add("  " + line));
    return lines;
  }
}
