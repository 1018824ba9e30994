package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys by pattern of the queue's Redis and the cache's, as the health report counts them: a
 * title saying when they were counted and whether the scan went through, then a row per family with
 * keys on either Redis (in the report's order), then the fleet's keys in no family. The cache has a
 * column of its own only when it has a Redis of its own.
 */
final class KeyCountsTable {
  private KeyCountsTable() {}

  static List<String> lines(JsonNode health) {
    JsonNode queue = health.path("redis").path("keys");
    JsonNode cacheSection = health.path("cache");
    boolean ownCache =
        !cacheSection.path("sharedWithQueue").asBoolean(true)
            && "ok".equals(Formats.text(cacheSection, "status"));
    JsonNode cache = cacheSection.path("keys");
    List<String> lines = new ArrayList<>();
    if (!queue.path("byPattern").isArray()) {
      lines.add("KEYS  unknown (the queue's Redis does not answer)");
      return lines;
    }
    lines.add("KEYS  by pattern, counted at " + Formats.text(queue, "countedAt") + note(queue));
    Map<String, long[]> rows = new LinkedHashMap<>();
    Map<String, String> patterns = new LinkedHashMap<>();
    add(rows, patterns, queue, 0);
    if (ownCache) {
      add(rows, patterns, cache, 1);
    }
    Table table =
        ownCache
            ? new Table("FAMILY", "PATTERN", "QUEUE", "CACHE").numeric(2, 3)
            : new Table("FAMILY", "PATTERN", "KEYS").numeric(2);
    rows.forEach(
        (family, counts) -> {
          if (counts[0] + counts[1] > 0) {
            row(table, ownCache, family, patterns.get(family), counts);
          }
        });
    long[] other = {Formats.number(queue, "other"), ownCache ? Formats.number(cache, "other") : 0};
    row(table, ownCache, "other", "(in no family)", other);
    table.lines().forEach(line -> lines.add("  " + line));
    return lines;
  }

  private static void add(
      Map<String, long[]> rows, Map<String, String> patterns, JsonNode keys, int column) {
    for (JsonNode family : keys.path("byPattern")) {
      String name = Formats.text(family, "name");
      patterns.putIfAbsent(name, Formats.text(family, "pattern"));
      rows.computeIfAbsent(name, n -> new long[2])[column] = Formats.number(family, "count");
    }
  }

  private static void row(Table table, boolean ownCache, String name, String pattern, long[] n) {
    if (ownCache) {
      table.row(name, pattern, n[0], n[1]);
    } else {
      table.row(name, pattern, n[0]);
    }
  }

  /** What the counts are when the scan was cut short. */
  private static String note(JsonNode keys) {
    if (keys.path("complete").asBoolean(true)) {
      return "";
    }
    return keys.path("scaled").asBoolean()
        ? " (scan cut short: scaled to the database's size)"
        : " (scan cut short: at least these)";
  }
}
