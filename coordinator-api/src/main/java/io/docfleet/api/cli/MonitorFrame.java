package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One frame of {@code docfleet monitor} as lines of text: a header, health and cache, the queue's
 * and the cache's Redis (uptime, memory and peak, ops/s, hit rate, evictions, clients, pool) and
 * PostgreSQL, then the workers, the queues, the issues and the keys by pattern of both Redis; cut
 * to the screen's width and height when they are known.
 */
final class MonitorFrame {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private MonitorFrame() {}

  static List<String> render(
      FleetSnapshot snapshot, String url, Duration interval, int width, int height) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "docfleet monitor  "
            + url
            + "  "
            + TIME.format(snapshot.at())
            + (interval == null ? "" : "  every " + Formats.age(interval.toMillis()))
            + (interval == null ? "" : ", Ctrl-C quits"));
    if (snapshot.error() != null) {
      lines.add("");
      lines.add("cannot read the fleet: " + snapshot.error());
      return fit(lines, width, height);
    }
    JsonNode health = snapshot.health();
    JsonNode cacheTotal = snapshot.cache().path("total");
    lines.add(
        String.format(
            Locale.ROOT,
            "health %s   cache hit rate %s (%d hits, %d misses%s)",
            Formats.text(health, "status"),
            snapshot.cache().path("enabled").asBoolean(true)
                ? Formats.percent(cacheTotal.get("hitRate"))
                : "- (cache off)",
            Formats.number(cacheTotal, "hits"),
            Formats.number(cacheTotal, "misses"),
            Formats.number(cacheTotal, "errors") > 0
                ? ", " + Formats.number(cacheTotal, "errors") + " errors"
                : ""));
    lines.addAll(HealthCommand.lines(health));
    lines.add("");
    JsonNode workers = snapshot.workers();
    lines.add(
        String.format(
            Locale.ROOT,
            "WORKERS  %d, %d lost",
            Formats.number(workers, "count"),
            Formats.number(workers, "lost")));
    if (workers.path("workers").size() > 0) {
      lines.addAll(WorkersCommand.table(workers).lines());
    }
    lines.add("");
    JsonNode queues = snapshot.queues();
    lines.add("QUEUES  " + queues.path("queues").size());
    if (queues.path("queues").size() > 0) {
      lines.addAll(QueuesCommand.table(queues).lines());
    }
    if (health.path("issues").size() > 0) {
      lines.add("");
      lines.addAll(HealthCommand.issues(health));
    }
    lines.add("");
    lines.addAll(KeyCountsTable.lines(health));
    return fit(lines, width, height);
  }

  private static List<String> fit(List<String> lines, int width, int height) {
    List<String> fitted = new ArrayList<>();
    for (String line : lines) {
      if (height > 0 && fitted.size() == height) {
        break;
      }
      fitted.add(Formats.fit(line, width));
    }
    return fitted;
  }
}
