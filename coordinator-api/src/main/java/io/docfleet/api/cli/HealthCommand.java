package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code docfleet health}: the coordinator's detailed health report (Redis, PostgreSQL pool, fleet,
 * issues). Exits 1 when the report's status is {@code critical}, so a script or probe can act.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "Show Redis, PostgreSQL, the fleet and the issues found.",
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
    JsonNode report = cli.client().get(PATH);
    if (output.json) {
      cli.printJson(report);
    } else {
      cli.out().println("status      " + Formats.text(report, "status"));
      lines(report).forEach(cli.out()::println);
      issues(report).forEach(cli.out()::println);
    }
    return "critical".equals(Formats.text(report, "status")) ? CliFailure.FAILED : CliFailure.OK;
  }

  /** Redis, PostgreSQL and fleet lines (the monitor shows them too). */
  static List<String> lines(JsonNode report) {
    JsonNode redis = report.path("redis");
    JsonNode memory = redis.path("memory");
    long max = Formats.number(memory, "maxBytes");
    JsonNode postgres = report.path("postgres");
    JsonNode pool = postgres.path("pool");
    JsonNode fleet = report.path("fleet");
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "Redis       %s %s, ping %.1f ms, up %s",
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
            "  load      %d ops/s, %d clients (%d blocked), keyspace hit rate %s, %d evicted",
            Formats.number(redis, "opsPerSecond"),
            Formats.number(redis.path("clients"), "connected"),
            Formats.number(redis.path("clients"), "blocked"),
            Formats.percent(redis.get("keyspaceHitRate")),
            Formats.number(redis, "evictedKeys")));
    lines.add(
        String.format(
            Locale.ROOT,
            "PostgreSQL  %s, ping %.1f ms, pool %d active, %d idle, %d waiting of %d",
            Formats.text(postgres, "status"),
            postgres.path("pingMs").asDouble(),
            Formats.number(pool, "active"),
            Formats.number(pool, "idle"),
            Formats.number(pool, "waiting"),
            Formats.number(pool, "max")));
    lines.add(
        String.format(
            Locale.ROOT,
            "Fleet       %d workers (%d lost), %d queues",
            Formats.number(fleet, "workers"),
            Formats.number(fleet, "lostWorkers"),
            Formats.number(fleet, "queues")));
    return lines;
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
