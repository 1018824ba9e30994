package io.docfleet.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.localservers.LocalRedis;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.Task;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.PrometheusText;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestRedis;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.metrics.WorkerMetrics;
import io.docfleet.worker.runtime.Worker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * A worker's HTTP port against a private Redis that the test stops: alive throughout, ready only
 * while its Redis answers and until it drains, and its own meters in the Prometheus format.
 */
@SlowTest
class WorkerHttpServerTest {
  private static final String TYPE = "echo";

  private final LocalRedis redis = LocalRedis.startPrivate();
  private final RedissonClient client = TestRedis.connect(redis.url());
  private final FleetContext fleet =
      new FleetContext(client, new RedisKeys("http:"), new TaskCodec(), Clock.systemUTC());
  private final HttpClient http = HttpClient.newHttpClient();
  private final WorkerMetrics metrics = WorkerMetrics.create();
  private Worker worker;
  private WorkerHttpServer server;

  @BeforeEach
  void start() {
    FleetConfig config =
        FleetConfig.fromEnv(
            new Env(
                Map.of(
                    "DOCFLEET_KEY_PREFIX", "http:",
                    "WORKER_ID", "w-http",
                    "WORKER_TASK_TYPES", TYPE,
                    "WORKER_CONCURRENCY", "4")));
    HandlerRegistry handlers =
        new HandlerRegistry()
            .register(
                TYPE,
                task ->
                    task.payload().path("fail").asBoolean()
                        ? new TaskOutcome.Failed("asked to fail")
                        : TaskOutcome.succeeded());
    worker = new Worker(fleet, config, handlers, metrics);
    server = WorkerHttpServer.start("127.0.0.1", 0, new WorkerReadiness(worker, fleet), metrics);
    worker.start();
  }

  @AfterEach
  void stop() {
    worker.drain();
    server.close();
    metrics.close();
    client.shutdown();
    redis.stop(true);
  }

  private HttpResponse<String> send(String method, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
              .method(method, HttpRequest.BodyPublishers.noBody())
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private JsonNode json(HttpResponse<String> response) throws IOException {
    return new ObjectMapper().readTree(response.body());
  }

  private void runTasks(int succeeding, int failing) {
    List<Task> tasks = new ArrayList<>();
    ObjectMapper mapper = fleet.codec().mapper();
    for (int i = 0; i < succeeding + failing; i++) {
      tasks.add(Task.of("t" + i, TYPE, mapper.createObjectNode().put("fail", i >= succeeding)));
    }
    new TaskSubmitter(fleet, FleetConfig.QueueSettings.defaults()).submitAll(tasks);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> worker.stats().completed() + worker.stats().failed() == tasks.size());
  }

  @Test
  void servesHealthReadinessAndItsOwnMetrics() throws IOException {
    runTasks(7, 2);

    assertThat(send("GET", "/health").statusCode()).isEqualTo(200);
    HttpResponse<String> ready = send("GET", "/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(json(ready).get("ready").asBoolean()).isTrue();
    assertThat(json(ready).get("redis").asText()).isEqualTo("ok");

    HttpResponse<String> scraped = send("GET", "/metrics");
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.headers().firstValue("Content-Type"))
        .contains(WorkerHttpServer.METRICS_TYPE);
    PrometheusText text = PrometheusText.parse(scraped.body());
    PrometheusText.Histogram runs =
        text.histogram("docfleet_worker_task_duration_seconds", "type", TYPE);
    assertThat(runs.count()).isEqualTo(9);
    assertThat(runs.buckets().firstKey()).isEqualTo(0.005);
    assertThat(text.value("docfleet_worker_tasks_completed_total")).isEqualTo(7);
    assertThat(text.value("docfleet_worker_tasks_failed_total")).isEqualTo(2);
    assertThat(text.value("docfleet_worker_tasks_in_flight")).isZero();
    for (String counter : List.of("duplicates", "stale", "polls_scheduled", "returned")) {
      assertThat(text.find("docfleet_worker_tasks_" + counter + "_total")).as(counter).isPresent();
    }
    assertThat(text.find("docfleet_worker_tasks_polls_total"))
        .as("the old name of polls_scheduled, for one release")
        .isPresent();
  }

  @Test
  void answersOnlyItsThreeRoutesAndOnlyToReads() {
    assertThat(send("GET", "/healthz").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    assertThat(send("POST", "/ready").statusCode()).isEqualTo(405);
    assertThat(send("HEAD", "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void notReadyWhileItsRedisIsStoppedAndReadyAgainWhenItIsBack() throws IOException {
    redis.stop(true);

    HttpResponse<String> ready = send("GET", "/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json(ready).get("redis").asText()).startsWith("failed");
    assertThat(send("GET", "/health").statusCode()).isEqualTo(200);
    assertThat(send("GET", "/metrics").statusCode()).isEqualTo(200);

    redis.start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> send("GET", "/ready").statusCode() == 200);
  }

  @Test
  void notReadyFromTheStartOfADrain() throws IOException {
    worker.drain();

    HttpResponse<String> ready = send("GET", "/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json(ready).get("draining").asBoolean()).isTrue();
    assertThat(send("GET", "/health").statusCode()).isEqualTo(200);
  }
}
