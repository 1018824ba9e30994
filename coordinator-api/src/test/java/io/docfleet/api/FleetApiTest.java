package io.docfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.docfleet.api.TestCoordinator.Answer;
import io.docfleet.api.redismonitor.RedisServer;
import io.docfleet.coordination.RunProtocol;
import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueuePauses;
import io.docfleet.task.Task;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tasks, queues, workers, cache and health endpoints against the real Redis and PostgreSQL. */
class FleetApiTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeEach
  void empty() {
    api.reset();
  }

  private void registerWorker(String id, List<String> types) {
    new ConsoleSeeds(api).worker(id, types);
  }

  private void deadLetters(String type, int count) throws Exception {
    WorkerQueue queue = new WorkerQueue(api.fleet(), type, "w-dead");
    // as the heartbeat of a worker serving the type would
    api.fleet().redis().getSet(api.fleet().keys().queuesIndex()).add(type);
    for (int i = 0; i < count; i++) {
      String raw =
          api.fleet()
              .codec()
              .encode(Task.of("dead-" + i, type, api.fleet().codec().mapper().createObjectNode()));
      api.fleet().redis().getList(api.fleet().keys().ready(type)).add(raw);
    }
    for (ClaimedItem run : queue.claim(count).toCompletableFuture().join().items()) {
      DeadLetter entry =
          new DeadLetter(run.taskId(), run.item(), "boom", api.clock().instant(), "w-dead", 5);
      queue.ends().deadLetter(run, entry, true, null).toCompletableFuture().join();
    }
  }

  @Test
  void oneTaskOrAnArrayIsQueuedAndDuplicatesAreReported() throws Exception {
    Answer one = api.post("/api/v1/tasks/noop", "{\"id\":\"t1\",\"payload\":{}}");
    Answer many =
        api.post(
            "/api/v1/tasks/noop",
            "[{\"id\":\"t2\",\"type\":\"noop\",\"idempotencyKey\":\"k\"},{\"id\":\"t3\",\"idempotencyKey\":\"k\"}]");

    assertThat(one.status()).isEqualTo(202);
    assertThat(one.json().get("queued").asInt()).isEqualTo(1);
    assertThat(many.json().get("queued").asInt()).isEqualTo(1);
    assertThat(many.json().get("duplicates").asInt()).isEqualTo(1);
    assertThat(many.json().get("tasks").get(1).get("queued").asBoolean()).isFalse();
    assertThat(api.ready("noop")).hasSize(2);
    assertThat(api.fleet().codec().decode(api.ready("noop").get(1)).id()).isEqualTo("t1");
  }

  @Test
  void invalidTasksAreRefusedNamingTheFieldAndNothingIsQueued() {
    assertRefused(api.post("/api/v1/tasks/noop", "{\"payload\":{}}"), 400, "id");
    assertRefused(
        api.post("/api/v1/tasks/noop", "[{\"id\":\"a\"},{\"id\":\"b\",\"payload\":[]}]"),
        400,
        "[1].payload");
    assertRefused(api.post("/api/v1/tasks/noop", "[{\"id\":\"a\"}, 7]"), 400, "[1]");
    assertRefused(api.post("/api/v1/tasks/noop", "{\"id\":\"a\",\"type\":\"sleep\"}"), 400, "type");
    assertRefused(api.post("/api/v1/tasks/noop", "{\"id\":\"a\",\"v\":2}"), 400, "v");
    assertRefused(
        api.post("/api/v1/tasks/noop", "{\"id\":\"a\",\"notBefore\":\"soon\"}"), 400, "notBefore");
    assertRefused(api.post("/api/v1/tasks/noop", "[]"), 400, "body");
    assertRefused(api.post("/api/v1/tasks/bad%20type", "{\"id\":\"a\"}"), 400, "type");
    assertRefused(api.post("/api/v1/tasks/ocr", "{\"id\":\"a\",\"payload\":{}}"), 400, "type");
    assertRefused(
        api.request("POST", "/api/v1/tasks/noop").json("{\"id\":\"a\"}").send(),
        401,
        "Authorization");
    assertThat(api.ready("noop")).isEmpty();
    assertThat(api.ready("ocr")).isEmpty();
  }

  @Test
  void queuesShowTheirDepthsOldestAgeAndPauseState() throws Exception {
    api.post("/api/v1/tasks/noop", "[{\"id\":\"a\"},{\"id\":\"b\"}]");
    api.clock().advance(Duration.ofSeconds(42));

    JsonNode noop = api.queue("noop");
    assertThat(noop.get("ready").asLong()).isEqualTo(2);
    assertThat(noop.get("inFlight").asLong()).isZero();
    assertThat(noop.get("dead").asLong()).isZero();
    assertThat(noop.get("oldestReadyAgeMs").asLong()).isEqualTo(42_000);
    assertThat(noop.get("paused").asBoolean()).isFalse();
    assertThat(noop.get("counters").get("submitted").asLong()).isEqualTo(2);

    api.fleet()
        .redis()
        .getMap(api.fleet().keys().stats("noop"))
        .putAll(Map.of("recovered", "2", "returned", "1"));
    JsonNode counters = api.queue("noop").get("counters");
    assertThat(counters.get("returned").asLong()).as("the new name").isEqualTo(3);
    assertThat(counters.get("recovered").asLong()).as("the old name, for one release").isEqualTo(3);

    Answer paused = api.post("/api/v1/queues/noop/pause", "");
    assertThat(paused.json().get("changed").asBoolean()).isTrue();
    assertThat(new QueuePauses(api.fleet()).isPaused("noop")).isTrue();
    assertThat(
            new WorkerQueue(api.fleet(), "noop", "w").claim(5).toCompletableFuture().join().items())
        .isEmpty();
    assertThat(api.queue("noop").get("paused").asBoolean()).isTrue();
    assertThat(api.post("/api/v1/queues/noop/pause", "").json().get("changed").asBoolean())
        .isFalse();

    assertThat(api.post("/api/v1/queues/noop/resume", "").json().get("paused").asBoolean())
        .isFalse();
    assertThat(api.queue("noop").get("paused").asBoolean()).isFalse();
    assertRefused(api.request("POST", "/api/v1/queues/noop/pause").send(), 401, "Authorization");
  }

  @Test
  void pausingMadeUpTypesIsRefusedAndLeavesTheQueueListAsItWas() {
    api.post("/api/v1/tasks/noop", "{\"id\":\"a\"}");
    registerWorker("w1", List.of("sleep"));
    Set<String> index =
        api.fleet().redis().<String>getSet(api.fleet().keys().queuesIndex()).readAll();
    JsonNode queues = api.get("/api/v1/queues").json();

    for (int i = 0; i < 200; i++) {
      Answer answer = api.post("/api/v1/queues/made-up-" + i + "/pause", "");
      assertRefused(answer, 404, "type");
      assertThat(answer.json().get("error").asText())
          .contains("made-up-" + i)
          .contains("noop")
          .contains("sleep")
          .contains("a task is submitted");
    }

    assertThat(api.fleet().redis().<String>getSet(api.fleet().keys().queuesIndex()).readAll())
        .isEqualTo(index);
    assertThat(api.get("/api/v1/queues").json()).isEqualTo(queues);
    assertThat(new QueuePauses(api.fleet()).isPaused("made-up-0")).isFalse();
  }

  @Test
  void aPipelineStageOrATypeAWorkerServesMayBePausedBeforeItsFirstTask() {
    registerWorker("w1", List.of("sleep"));

    assertThat(api.post("/api/v1/queues/structured/pause", "").status()).isEqualTo(200);
    assertThat(api.post("/api/v1/queues/sleep/pause", "").status()).isEqualTo(200);

    assertThat(api.queue("structured").get("paused").asBoolean()).isTrue();
    assertThat(api.queue("sleep").get("paused").asBoolean()).isTrue();
    assertThat(api.post("/api/v1/queues/structured/resume", "").status()).isEqualTo(200);
  }

  @Test
  void deadLettersAreListedRetriedAndPurged() throws Exception {
    deadLetters("noop", 3);

    JsonNode dead = api.get("/api/v1/queues/noop/dead?limit=2").json();
    assertThat(dead.get("total").asInt()).isEqualTo(3);
    assertThat(dead.get("entries")).hasSize(2);
    assertThat(dead.get("entries").get(0).get("id").asText()).isEqualTo("dead-0");
    assertThat(dead.get("entries").get(0).get("task").get("id").asText()).isEqualTo("dead-0");
    assertThat(dead.get("entries").get(0).get("error").asText()).isEqualTo("boom");
    assertRefused(api.get("/api/v1/queues/noop/dead?limit=0"), 400, "limit");

    Answer retried = api.post("/api/v1/queues/noop/dead/retry", "{\"ids\":[\"dead-0\"]}");
    assertThat(retried.json().get("retried").asInt()).isEqualTo(1);
    assertThat(api.ready("noop")).hasSize(1);
    assertRefused(api.post("/api/v1/queues/noop/dead/retry", "{\"limit\":-1}"), 400, "limit");

    Answer purged = api.delete("/api/v1/queues/noop/dead");
    assertThat(purged.json().get("purged").asInt()).isEqualTo(2);
    assertThat(api.queue("noop").get("dead").asLong()).isZero();
    assertRefused(api.request("DELETE", "/api/v1/queues/noop/dead").send(), 401, "Authorization");
  }

  @Test
  void workersAreListedWithTheirHeartbeatAgeAndLapsedOnesAsLost() {
    registerWorker("w1", List.of("noop"));
    api.fleet().redis().getSet(api.fleet().keys().workersIndex()).add("w-gone");
    api.clock().advance(Duration.ofSeconds(2));

    JsonNode answer = api.get("/api/v1/workers").json();

    assertThat(answer.get("count").asInt()).isEqualTo(2);
    assertThat(answer.get("lost").asInt()).isEqualTo(1);
    JsonNode w1 = answer.get("workers").get(1);
    assertThat(w1.get("id").asText()).isEqualTo("w1");
    assertThat(w1.get("status").asText()).isEqualTo("active");
    assertThat(w1.get("capabilities").get(0).asText()).isEqualTo("noop");
    assertThat(w1.get("heartbeatAgeMs").asLong()).isEqualTo(2000);
    assertThat(w1.get("completed").asLong()).isEqualTo(3);
    assertThat(w1.get("inFlight").asLong()).isEqualTo(1);
    assertThat(w1.get("protocol").asInt())
        .as("the run protocol it speaks")
        .isEqualTo(RunProtocol.CURRENT);
    assertThat(answer.get("workers").get(0).get("id").asText()).isEqualTo("w-gone");
    assertThat(answer.get("workers").get(0).get("status").asText()).isEqualTo("lost");
    assertThat(answer.get("workers").get(0).get("protocol").asInt()).isZero();
  }

  @Test
  void cacheMetricsInvalidationAndWarming() {
    var keys = api.fleet().keys();
    api.fleet().redis().getMap(keys.cacheMetricsTotal()).putAll(Map.of("hits", "3", "misses", "1"));
    api.fleet().redis().getBucket(keys.pattern("cache:ocr:abc:e:1:s")).set("{}");
    api.fleet().redis().getBucket(keys.documentPointer("ocr", "d1")).set("x");

    JsonNode metrics = api.get("/api/v1/cache/metrics").json();
    assertThat(metrics.get("enabled").asBoolean()).isTrue();
    assertThat(metrics.get("total").get("hits").asLong()).isEqualTo(3);
    assertThat(metrics.get("total").get("hitRate").asDouble()).isEqualTo(0.75);
    assertThat(metrics.get("byType").has("entities")).isTrue();

    JsonNode warm = api.post("/api/v1/cache/warm", "{\"documentIds\":[\"d1\",\"d2\"]}").json();
    assertThat(warm.get("warmed").asLong()).isZero();
    assertThat(warm.get("documents").get(0).get("documentId").asText()).isEqualTo("d1");
    assertThat(warm.get("documents").get(0).get("result").asText()).isEqualTo("unknown");
    assertRefused(api.post("/api/v1/cache/warm", "{}"), 400, "documentIds");

    Answer byPattern = api.post("/api/v1/cache/invalidate", "{\"pattern\":\"cache:ocr:*\"}");
    assertThat(byPattern.json().get("keysRemoved").asLong()).isEqualTo(1);
    Answer byDocument = api.post("/api/v1/cache/invalidate", "{\"documentId\":\"d1\"}");
    assertThat(byDocument.status()).isEqualTo(200);
    assertRefused(
        api.post("/api/v1/cache/invalidate", "{\"pattern\":\"tasks:*\"}"), 400, "pattern");
    assertRefused(api.post("/api/v1/cache/invalidate", "{}"), 400, "documentId");
    assertRefused(
        api.post("/api/v1/cache/invalidate", "{\"documentId\":\"a\",\"pattern\":\"doc:*\"}"),
        400,
        "documentId");
    assertRefused(
        api.request("POST", "/api/v1/cache/invalidate").json("{\"documentId\":\"d1\"}").send(),
        401,
        "Authorization");
  }

  @Test
  void livenessReadinessAndTheHealthReport() throws Exception {
    api.post("/api/v1/tasks/orphan", "{\"id\":\"o1\"}");
    registerWorker("w1", List.of("noop"));
    deadLetters("noop", 1);
    api.get("/api/v1/health");
    deadLetters("noop", 1);

    assertThat(api.get("/health").json().get("status").asText()).isEqualTo("ok");
    Answer ready = api.get("/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("redis").asText()).isEqualTo("ok");
    assertThat(ready.json().get("postgres").asText()).isEqualTo("ok");

    api.clock().advance(RedisServer.KEY_COUNTS_MAX_AGE); // the keys are counted afresh
    JsonNode health = api.get("/api/v1/health").json();
    JsonNode redis = health.get("redis");
    assertThat(redis.get("version").asText()).isNotBlank();
    assertThat(redis.get("pingMs").asDouble()).isPositive();
    assertThat(redis.get("memory").get("usedBytes").asLong()).isPositive();
    assertThat(redis.has("maxmemoryPolicy")).isTrue();
    assertThat(redis.get("clients").get("connected").asLong()).isPositive();
    assertThat(redis.get("keys").get("byPrefix").get("tasks").asLong()).isPositive();
    assertThat(redis.at("/keys/byPattern/0/name").asText()).isEqualTo("ready");
    assertThat(redis.at("/keys/byPattern/0/count").asLong()).as("tasks:orphan").isPositive();
    assertThat(redis.get("connectionsByClient").has(CoordinatorResources.CLIENT_NAME)).isTrue();
    assertThat(health.get("postgres").get("status").asText()).isEqualTo("ok");
    assertThat(health.get("postgres").get("pool").get("name").asText())
        .isEqualTo("docfleet-coordinator");
    assertThat(health.get("postgres").get("pool").get("max").asInt()).isEqualTo(2);
    assertThat(health.get("fleet").get("workers").asInt()).isEqualTo(1);
    List<String> codes = health.get("issues").findValuesAsText("code");
    assertThat(codes).contains("no_workers", "dead_letters_growing");
    assertThat(health.get("status").asText()).isIn("warning", "critical");
  }

  @Test
  void unknownEndpointsAnswerInTheErrorFormat() {
    assertRefused(api.get("/api/v1/nothing"), 404, "path");
  }

  static void assertRefused(Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.json().get("field").asText()).as(answer.text()).isEqualTo(field);
    assertThat(answer.json().get("error").asText()).isNotBlank();
  }
}
