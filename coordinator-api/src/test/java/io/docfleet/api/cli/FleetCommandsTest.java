package io.docfleet.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.TestCoordinator;
import io.docfleet.api.cli.CliHarness.Result;
import io.docfleet.api.redismonitor.RedisServer;
import io.docfleet.config.Concurrency;
import io.docfleet.queue.DeadLetter;
import io.docfleet.task.Task;
import io.docfleet.worker.heartbeat.Heartbeat;
import io.docfleet.worker.heartbeat.WorkerCounters;
import io.docfleet.worker.heartbeat.WorkerRegistration;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code workers}, {@code queues}, {@code dead}, {@code invalidate}, {@code warm}, {@code health}
 * and {@code monitor} against a real coordinator whose fleet state the test seeds.
 */
class FleetCommandsTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());
  private static final ObjectMapper JSON = new ObjectMapper();

  private CliHarness cli;

  @BeforeEach
  void aFreshCoordinator() {
    api.reset();
    cli = new CliHarness(api);
  }

  private void aWorkerServing(String id, String... types) {
    new Heartbeat(
            api.fleet(),
            new WorkerRegistration(
                id,
                "host-a",
                42,
                List.of(types),
                new Concurrency(2, Map.of()),
                api.clock().instant()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            () -> new WorkerCounters(17, 2, 1))
        .beat();
  }

  private void readyTasks(String type, int count) {
    api.fleet().redis().getSet(api.fleet().keys().queuesIndex()).add(type);
    for (int i = 0; i < count; i++) {
      api.fleet()
          .redis()
          .getList(api.fleet().keys().ready(type))
          .add(
              api.fleet()
                  .codec()
                  .encode(
                      Task.of(
                          type + "-" + i, type, api.fleet().codec().mapper().createObjectNode())));
    }
  }

  private void deadLetters(String type, int count) throws Exception {
    readyTasks(type, count);
    WorkerQueue queue = new WorkerQueue(api.fleet(), type, "w-dead");
    for (ClaimedItem run : queue.claim(count).toCompletableFuture().join().items()) {
      DeadLetter entry =
          new DeadLetter(
              run.taskId(), run.item(), "engine exploded", api.clock().instant(), "w-dead", 5);
      queue.ends().deadLetter(run, entry, true, null).toCompletableFuture().join();
    }
  }

  @Test
  void workersListsEachWorkerWithItsHeartbeatAndCounts() throws Exception {
    aWorkerServing("w-1", "ocr", "entities");

    Result table = cli.run("workers");
    Result json = cli.run("workers", "--json");

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("1 workers, 0 lost");
    String row = table.out().lines().filter(l -> l.startsWith("w-1")).findFirst().orElseThrow();
    // id, status, heartbeat age, in flight, completed, failed, host, concurrency, types
    assertThat(row)
        .matches(
            "w-1\\s+active\\s+\\S+\\s+1\\s+17\\s+2\\s+host-a\\s+ocr=2,entities=2\\s+ocr,entities");
    assertThat(JSON.readTree(json.out()).get("workers").get(0).get("id").asText()).isEqualTo("w-1");
  }

  @Test
  void webhooksListsEachDestinationWithItsDeliveriesAndLastError() throws Exception {
    io.docfleet.webhook.WebhookDestinations destinations =
        new io.docfleet.webhook.WebhookDestinations(api.fleet());
    for (io.docfleet.webhook.DeliveryOutcome outcome :
        List.of(
            io.docfleet.webhook.DeliveryOutcome.FAILED,
            io.docfleet.webhook.DeliveryOutcome.FAILED,
            io.docfleet.webhook.DeliveryOutcome.DELIVERED)) {
      destinations
          .record(
              new io.docfleet.webhook.WebhookDestinations.Attempt(
                  "https://hooks.example:8443",
                  List.of(outcome),
                  java.util.Optional.of(250L),
                  outcome == io.docfleet.webhook.DeliveryOutcome.FAILED
                      ? java.util.Optional.of("503")
                      : java.util.Optional.empty()))
          .toCompletableFuture()
          .join();
    }

    Result table = cli.run("webhooks");
    Result json = cli.run("webhooks", "--json");

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).startsWith("1 webhook destinations");
    assertThat(table.out().lines().skip(1).findFirst().orElseThrow())
        .contains("DESTINATION", "DELIVERED", "FAILED", "DEAD-LETTERED", "LAST ERROR");
    // destination, delivered, failed, dead-lettered, last error (and when), last delivered, latency
    assertThat(table.out())
        .containsPattern(
            "(?m)^https://hooks.example:8443\\s+1\\s+2\\s+0\\s+503 \\S+ ago\\s+\\S+ ago\\s+250ms$");
    assertThat(JSON.readTree(json.out()).get("destinations").get(0).get("failed").asLong())
        .isEqualTo(2);
  }

  @Test
  void queuesShowsReadyAndDeadPerType() throws Exception {
    readyTasks("ocr", 3);
    deadLetters("entities", 2);

    Result table = cli.run("queues");
    Result json = cli.run("queues", "--json");

    assertThat(table.exit()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow())
        .contains("TYPE", "READY", "IN FLIGHT", "DELAYED", "DEAD");
    assertThat(table.out()).containsPattern("(?m)^ocr\\s+3\\s+0\\s+0\\s+0\\s");
    assertThat(table.out()).containsPattern("(?m)^entities\\s+0\\s+0\\s+0\\s+2\\s");
    assertThat(JSON.readTree(json.out()).get("queues")).hasSize(2);
  }

  @Test
  void queuesShowsTheLanesWhileATaskWaitsInTheHighOrLowLane() throws Exception {
    readyTasks("ocr", 3);
    api.fleet()
        .redis()
        .getList(api.fleet().keys().runs().lane("ocr", io.docfleet.task.Priority.HIGH))
        .add("{\"id\":\"h\",\"type\":\"ocr\",\"priority\":\"high\"}");
    new io.docfleet.queue.QueuePauses(api.fleet()).pause("ocr", io.docfleet.task.Priority.LOW);

    Result table = cli.run("queues");

    assertThat(table.exit()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow()).contains("READY", "LANES H/N/L");
    assertThat(table.out()).containsPattern("(?m)^ocr\\s+4\\s+1/3/0\\s+0\\s+0\\s+0\\s.*\\slow$");
  }

  @Test
  void deadListRetryAndPurge() throws Exception {
    deadLetters("ocr", 3);

    Result list = cli.run("dead", "list", "ocr", "--limit", "2");
    Result retry = cli.run("dead", "retry", "ocr", "--id", "ocr-1");
    Result purge = cli.run("dead", "purge", "ocr");
    Result after = cli.run("dead", "list", "ocr");

    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("ocr: 3 dead letters (showing 2 from offset 0)");
    assertThat(list.out()).contains("engine exploded").contains("w-dead");
    assertThat(retry.out()).contains("ocr: 1 dead letters queued again");
    assertThat(api.ready("ocr")).hasSize(1);
    assertThat(api.fleet().codec().decode(api.ready("ocr").get(0)).id()).isEqualTo("ocr-1");
    assertThat(purge.out()).contains("ocr: 2 dead letters removed");
    assertThat(after.out()).contains("ocr: 0 dead letters");
  }

  @Test
  void deadNeedsASubcommandAndAValidType() {
    Result bare = cli.run("dead");
    Result badType = cli.run("dead", "list", "no such type");

    assertThat(bare.exit()).isEqualTo(2);
    assertThat(bare.err()).contains("dead list|retry|purge");
    assertThat(badType.exit()).isEqualTo(1);
    assertThat(badType.err()).contains("[field: type]");
  }

  @Test
  void invalidateRemovesAPatternsKeysOrADocumentsAndNeedsExactlyOne() {
    String key = api.context().cacheFleet().keys().prefix() + "cache:ocr:cli-test-1";
    api.context().cacheFleet().redis().getBucket(key).set("x");

    Result byPattern = cli.run("invalidate", "--pattern", "cache:ocr:cli-test-*");
    Result byDocument = cli.run("invalidate", "doc-c");
    Result both = cli.run("invalidate", "doc-c", "--pattern", "cache:ocr:*");
    Result neither = cli.run("invalidate");
    Result badPattern = cli.run("invalidate", "--pattern", "tasks:*");

    assertThat(byPattern.exit()).as(byPattern.err()).isZero();
    assertThat(byPattern.out()).contains("pattern cache:ocr:cli-test-*: 1 cache keys removed");
    assertThat(api.context().cacheFleet().redis().getBucket(key).isExists()).isFalse();
    assertThat(byDocument.exit()).as(byDocument.err()).isZero();
    assertThat(byDocument.out())
        .contains("document doc-c: 0 cache keys and 0 OCR job keys removed");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(neither.err()).contains("exactly one of a DOCUMENT_ID or --pattern");
    assertThat(badPattern.exit()).isEqualTo(1);
    assertThat(badPattern.err()).contains("[field: pattern]");
  }

  @Test
  void warmReportsEachDocument() throws Exception {
    Result r = cli.run("warm", "doc-unknown");
    Result json = cli.run("warm", "--json", "doc-unknown", "doc-other");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .containsPattern("doc-unknown\\s+unknown\\s+0")
        .contains("warmed 0 documents, 0 entries written");
    assertThat(JSON.readTree(json.out()).get("documents")).hasSize(2);
  }

  @Test
  void healthShowsRedisPostgresAndTheFleet() throws Exception {
    aWorkerServing("w-h", "ocr");

    Result r = cli.run("health");
    Result json = cli.run("health", "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .containsPattern("status\\s+(ok|warning)")
        .contains("Redis", "ops/s", "PostgreSQL  ok")
        .contains("Fleet       1 workers (0 lost)");
    JsonNode report = JSON.readTree(json.out());
    assertThat(report.get("redis").get("version").asText()).isNotBlank();
  }

  @Test
  void monitorOncePrintsOneFrameWithoutEscapeCodes() {
    aWorkerServing("w-m", "ocr");
    readyTasks("ocr", 4);

    api.clock().advance(RedisServer.KEY_COUNTS_MAX_AGE); // the keys are counted afresh

    Result r = cli.run("monitor", "--once");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("docfleet monitor  " + cli.url())
        .contains("cache hit rate", "ops/s", "memory", "peak", "up ", "hit rate", "evicted")
        .contains("WORKERS  1, 0 lost", "QUEUES  1", "KEYS  by pattern")
        .doesNotContain("\033");
    assertThat(r.out()).containsPattern("(?m)^w-m\\s+active\\s+\\S+\\s+1\\s+17\\s+2\\s");
    assertThat(r.out()).containsPattern("(?m)^ocr\\s+4\\s");
    assertThat(r.out())
        .as("one ready list (of four tasks), one worker registration, the workers' index")
        .containsPattern("(?m)^  ready\\s+\\S+tasks:\\*\\s+1$")
        .containsPattern("(?m)^  worker\\s+\\S+workers:\\*\\s+1$")
        .containsPattern("(?m)^  workersIndex\\s+\\S+workers:index\\s+1$");
  }

  @Test
  void monitorOnATerminalTakesTheScreenAndGivesItBack() {
    aWorkerServing("w-t", "ocr");

    Result r = cli.terminal(true).run("monitor", "--interval", "1s", "--frames", "2");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            AnsiScreen.ALTERNATE_SCREEN
                + AnsiScreen.HIDE_CURSOR
                + AnsiScreen.CURSOR_HOME
                + AnsiScreen.CLEAR_SCREEN)
        .endsWith(AnsiScreen.SHOW_CURSOR + AnsiScreen.MAIN_SCREEN);
    assertThat(r.out().split(java.util.regex.Pattern.quote(AnsiScreen.CURSOR_HOME + "docfleet")))
        .hasSize(3);
    assertThat(r.out()).contains("w-t");
  }

  @Test
  void monitorKeepsGoingWhenTheApiIsDownAndOnceFails() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    cli.env("DOCFLEET_URL", "http://127.0.0.1:" + closedPort);

    Result loop = cli.run("monitor", "--frames", "2");
    Result once = cli.run("monitor", "--once");

    assertThat(loop.exit()).isZero();
    assertThat(loop.out().split("cannot read the fleet: cannot reach the docfleet API", -1))
        .hasSize(3);
    assertThat(once.exit()).isEqualTo(1);
    assertThat(once.err()).contains("cannot reach the docfleet API");
  }
}
