package io.docfleet.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.redismonitor.RedisServer;
import io.docfleet.events.DocumentEvents;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.testing.SlowTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Opens the dashboard in headless Chromium (driven over the DevTools protocol) against a seeded
 * fleet whose cache has a Redis of its own, checks that the numbers it renders are the JSON API's
 * (both Redis's figures and keys by pattern among them), that it updates live without a reload, and
 * saves a screenshot to {@code coordinator-api/target/dashboard/dashboard.png}. Skipped, saying so,
 * where Chromium is not installed.
 */
@SlowTest
class DashboardPageTest {
  /** The cache's own Redis, so the page shows two servers. */
  private static final LocalRedis CACHE = LocalRedis.startPrivate();

  /** Stops the cache's Redis after the coordinator closed (after-all callbacks run in reverse). */
  @RegisterExtension
  @Order(1)
  static final AfterAllCallback cacheServer = context -> CACHE.close();

  @RegisterExtension
  @Order(2)
  static final TestCoordinator api =
      TestCoordinator.withEnv(
          Map.of("COORDINATOR_DASHBOARD_INTERVAL", "30s", "REDIS_CACHE_URL", CACHE.url()));

  static final Path ARTIFACTS = Path.of("target", "dashboard");

  private final FleetSeeds seeds = new FleetSeeds(api);

  /** A script expression: the text of the first element {@code selector} matches, or empty. */
  static String text(String selector) {
    return "(document.querySelector('" + selector + "') || {textContent: ''}).textContent";
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  private static long ready(String type) {
    for (JsonNode queue : api.get("/api/v1/queues").json().get("queues")) {
      if (queue.get("type").asText().equals(type)) {
        return queue.get("ready").asLong();
      }
    }
    throw new AssertionError("no queue " + type);
  }

  /** Twelve samples, thirty seconds apart, of queues that fill and drain. */
  private void seedAFleetWithHistory() throws Exception {
    DashboardFeed feed = api.server().dashboard();
    for (int i = 0; i < 12; i++) {
      seeds.readyTasks("ocr", 3 + (i % 4));
      seeds.readyTasks("entities", i % 3);
      if (i % 2 == 1) {
        api.fleet().redis().getList(api.fleet().keys().ready("ocr")).trim(0, 6 - i % 3);
      }
      api.clock().advance(Duration.ofSeconds(30));
      feed.sampleNow();
    }
    seeds.worker("worker-ocr-1", List.of("ocr"));
    seeds.worker("worker-extract-1", List.of("entities", "structured"));
    seeds.lostWorker("worker-gone");
    seeds.deadLetters("structured", 2, "the model answered no JSON");
    seeds.cacheCounters("ocr", 2, 1);
    seeds.cacheEntry("ocr");
    // the feed counts an event before it streams it: once a stream got all four, they count
    try (EventStream stream =
        EventStream.open(
            URI.create("http://127.0.0.1:" + api.server().port() + DashboardRoutes.EVENTS),
            "Accept",
            "text/event-stream",
            "Authorization",
            "Bearer " + TestCoordinator.TOKEN)) {
      stream.next("snapshot");
      DocumentEvents events = new DocumentEvents(api.fleet());
      for (int i = 1; i <= 3; i++) {
        events.publish("doc-" + i, "completed", "structured", 100, null);
      }
      events.publish("doc-4", "failed", "ocr", 100, "not a PDF");
      for (int i = 0; i < 4; i++) {
        stream.next("document");
      }
    }
    api.clock().advance(Duration.ofSeconds(3));
  }

  private static void screenshot(DevTools page, String name) throws Exception {
    JsonNode shot =
        page.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
    Files.write(ARTIFACTS.resolve(name), png);
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  private static JsonNode health() {
    return api.get("/api/v1/health").json();
  }

  private static long count(JsonNode redis, String family) {
    for (JsonNode counted : redis.at("/keys/byPattern")) {
      if (counted.get("name").asText().equals(family)) {
        return counted.get("count").asLong();
      }
    }
    throw new AssertionError("no family " + family + " in " + redis);
  }

  /** A figure of the Redis panel: its row, the queue's column or the cache's. */
  private static String figure(String row, String redis) {
    return text("tr[data-figure=" + row + "] td[data-redis=" + redis + "]");
  }

  /**
   * The Redis panel has each server's figures, which are the health report's; the keys panel has
   * each family's keys on each server, the queue's and the cache's apart.
   */
  private static void theRedisPanelsShowBothServersAsTheHealthReportDoes(DevTools page)
      throws Exception {
    JsonNode health = health();
    for (String redis : List.of("queue", "cache")) {
      JsonNode section = health.get(redis.equals("queue") ? "redis" : "cache");
      assertThat(page.evaluate(figure("status", redis))).as(redis).isEqualTo("ok");
      assertThat(page.evaluate(figure("uptime", redis))).as(redis).matches("\\d+[smhd].*");
      assertThat(page.evaluate(figure("memory", redis)))
          .as(redis)
          .matches("[\\d.]+ (B|KiB|MiB|GiB) \\((no limit|[\\d.]+%)\\)|.* of .*");
      assertThat(page.evaluate(figure("peak", redis))).as(redis).matches("[\\d.]+ (B|KiB|MiB|GiB)");
      assertThat(page.evaluate(figure("policy", redis)))
          .isEqualTo(section.get("maxmemoryPolicy").asText());
      assertThat(page.evaluate(figure("ops", redis))).as(redis).matches("[\\d,]+");
      assertThat(page.evaluate(figure("hitRate", redis))).as(redis).matches("[\\d.]+%|–");
      assertThat(page.evaluate(figure("evicted", redis)))
          .isEqualTo(Long.toString(section.get("evictedKeys").asLong()));
      assertThat(page.evaluate(figure("clients", redis)))
          .as(redis)
          .matches("[\\d,]+ \\(\\d+ blocked\\)");
    }
    assertThat(health.at("/cache/sharedWithQueue").asBoolean()).isFalse();
    assertThat(page.evaluate(figure("uptime", "cache")))
        .as("two servers, the cache's started by this test")
        .isNotEqualTo(page.evaluate(figure("uptime", "queue")));

    assertThat(page.evaluate(text("tr[data-family=ready] [data-col=queue]")))
        .isEqualTo(Long.toString(count(health.get("redis"), "ready")))
        .as("tasks:ocr and tasks:entities")
        .isEqualTo("2");
    assertThat(page.evaluate(text("tr[data-family=ready] [data-col=pattern]")))
        .isEqualTo(api.fleet().keys().families().get(0).pattern());
    assertThat(page.evaluate(text("tr[data-family=dead] [data-col=queue]"))).isEqualTo("1");
    assertThat(page.evaluate(text("tr[data-family=cacheEntry] [data-col=queue]"))).isEqualTo("0");
    assertThat(page.evaluate(text("tr[data-family=cacheEntry] [data-col=cache]")))
        .isEqualTo(Long.toString(count(health.get("cache"), "cacheEntry")))
        .isEqualTo("1");
    assertThat(page.evaluate(text("tr[data-family=cacheMetrics] [data-col=cache]"))).isEqualTo("2");
    assertThat(page.evaluate(text("[data-field=keys-counted]"))).isNotEqualTo("–");
  }

  @Test
  void thePageShowsTheApisNumbersAndUpdatesLive() throws Exception {
    Optional<Path> chromium = Chromium.find();
    assumeTrue(
        chromium.isPresent(),
        "chromium is not installed (apt-get install -y chromium): the dashboard page test is"
            + " skipped");
    seedAFleetWithHistory();
    api.clock().advance(RedisServer.KEY_COUNTS_MAX_AGE); // the page's keys are counted afresh

    try (Chromium browser = Chromium.start(chromium.get(), ARTIFACTS);
        DevTools page = browser.page()) {
      page.call("Runtime.enable", Map.of());
      page.call(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", 1280, "height", 1500, "deviceScaleFactor", 1, "mobile", false));
      // the stream needs a token: the page hands the one of its fragment to it
      page.call(
          "Page.navigate",
          Map.of(
              "url",
              "http://127.0.0.1:" + api.server().port() + "/#token=" + TestCoordinator.TOKEN));
      page.waitFor("document.body.dataset.snapshotAt || ''", value -> !value.isEmpty());
      screenshot(page, "dashboard.png");

      JsonNode workers = api.get("/api/v1/workers").json();
      JsonNode cache = api.get("/api/v1/cache/metrics").json();
      assertThat(page.evaluate(text("[data-field=workers-count]")))
          .isEqualTo(workers.get("count").asText())
          .isEqualTo("3");
      assertThat(page.evaluate(text("[data-field=workers-lost]"))).isEqualTo("1");
      assertThat(page.evaluate("String(document.querySelectorAll('tr.lost').length)"))
          .isEqualTo(workers.get("lost").asText());
      assertThat(page.evaluate(text("tr.lost [data-col=id]"))).isEqualTo("worker-gone");
      assertThat(page.evaluate(text("tr[data-queue=ocr] [data-col=ready]")))
          .isEqualTo(Long.toString(ready("ocr")));
      assertThat(page.evaluate(text("tr[data-queue=structured] [data-col=dead]"))).isEqualTo("2");
      assertThat(page.evaluate(text("[data-field=docs-per-minute]"))).isEqualTo("3");
      assertThat(page.evaluate(text("[data-table=failures] [data-col=error]")))
          .isEqualTo("not a PDF");
      assertThat(page.evaluate(text("[data-table=dead] [data-col=error]")))
          .isEqualTo("the model answered no JSON");
      int types = api.get("/api/v1/queues").json().get("queues").size();
      assertThat(
              page.evaluate("String(document.querySelectorAll('[data-chart=depths] path').length)"))
          .isEqualTo(Integer.toString(types))
          .isEqualTo("3");

      page.evaluate("location.hash = '#/cache'");
      page.waitFor(text("tr[data-cache=ocr] [data-col=hitRate]"), v -> !v.isEmpty());
      assertThat(page.evaluate(text("tr[data-cache=ocr] [data-col=hitRate]")))
          .isEqualTo(percent(cache.at("/byType/ocr/hitRate").asDouble()))
          .isEqualTo("66.7%");
      page.evaluate("location.hash = '#/redis'");
      page.waitFor(text("tr[data-figure=status] td[data-redis=cache]"), "ok"::equals);
      theRedisPanelsShowBothServersAsTheHealthReportDoes(page);
      page.evaluate("history.back()");
      page.evaluate("history.back()");
      page.waitFor(text("[data-field=workers-count]"), "3"::equals);

      new DocumentEvents(api.fleet()).publish("doc-live", "processing", "entities", 66, null);
      page.waitFor(text("[data-list=events] li[data-document=doc-live]"), v -> v.contains("66%"));
      seeds.readyTasks("ocr", 40);
      api.server().dashboard().sampleNow();
      String updated = Long.toString(ready("ocr"));
      page.waitFor(text("tr[data-queue=ocr] [data-col=ready]"), updated::equals);

      page.evaluate("location.hash = '#/redis'");
      page.waitFor(text("tr[data-figure=status] td[data-redis=cache]"), "ok"::equals);
      seeds.readyTasks("sleep", 2); // a ready list more, seen at the next count of the keys
      api.clock().advance(RedisServer.KEY_COUNTS_MAX_AGE);
      api.server().dashboard().sampleNow();
      String readyLists = Long.toString(count(health().get("redis"), "ready"));
      page.waitFor(text("tr[data-family=ready] [data-col=queue]"), readyLists::equals);

      assertThat(page.events("Runtime.exceptionThrown")).isEmpty();
      assertThat(page.evaluate(text("[data-field=connection]"))).isEqualTo("live");
      screenshot(page, "dashboard.png");
    }
  }
}
