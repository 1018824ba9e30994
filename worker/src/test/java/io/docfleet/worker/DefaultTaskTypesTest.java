package io.docfleet.worker;

import static io.docfleet.worker.Eventually.eventually;
import static io.docfleet.worker.WorkerProcess.aWorker;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.store.DatabaseSettings;
import io.docfleet.testing.PrometheusText;
import io.docfleet.testing.SlowTest;
import io.docfleet.testing.TestDatabase;
import io.docfleet.worker.pipeline.BatchProgress;
import io.docfleet.worker.pipeline.DocumentBatch;
import io.docfleet.worker.testing.TestDocuments;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code scripts/worker}, with no WORKER_TASK_TYPES, serves every type it has a handler
 * for, the document pipeline's included: a document submitted to it runs to the end rather than
 * waiting in its queue for a worker that never comes. Its {@code /metrics} has the pools it opened
 * (the queue's Redis client's and its PostgreSQL pool's), and it logs their statistics every {@code
 * REDIS_MONITOR_INTERVAL}.
 */
@SlowTest
class DefaultTaskTypesTest {
  @RegisterExtension static final TestDatabase db = TestDatabase.empty();
  @RegisterExtension final WorkerProcesses workers = new WorkerProcesses();
  private final TestFleet fleet = TestFleet.onSharedRedis("default-types");

  @TempDir Path inbox;

  @AfterEach
  void tearDown() {
    fleet.close();
  }

  @Test
  void aWorkerWithoutTaskTypesServesThePipelineAndRunsADocumentToTheEnd() throws Exception {
    Path contract =
        Files.write(
            inbox.resolve("contract.pdf"),
            TestDocuments.textPdf("Agreement between Acme Holdings, Inc. and Jane Roe, $5,000."));
    DatabaseSettings database = db.settings();
    WorkerProcess.Spec plain =
        aWorker("plain")
            .against(fleet)
            .servingDefaultTypes()
            .with("DATABASE_URL", database.url())
            .with("DATABASE_USER", database.user())
            .with("DOCFLEET_FILE_ROOTS", inbox.toString())
            .with("REDIS_MONITOR_INTERVAL", "200ms")
            .httpPort(freePort());
    if (database.password().isPresent()) {
      plain = plain.with("DATABASE_PASSWORD", database.password().get().value());
    }
    WorkerProcess worker = workers.start(plain);
    eventually().until(() -> fleet.isRegistered("plain"));

    Map<String, String> registration =
        fleet
            .context()
            .redis()
            .<String, String>getMap(fleet.context().keys().worker("plain"))
            .readAllMap();
    assertThat(List.of(registration.get("capabilities").split(",")))
        .as(worker.output())
        .contains("ocr", "entities", "structured", "noop", "sleep", "webhook");

    DocumentBatch batch =
        DocumentBatch.submit(
            fleet.context(),
            new TaskSubmitter(fleet.context(), QueueSettings.defaults()),
            "plain-",
            List.of(contract));
    BatchProgress progress = batch.awaitEnded(Duration.ofSeconds(90), p -> {}, worker::isAlive);

    assertThat(progress.ended()).as(worker.output()).isTrue();
    assertThat(batch.states().get(0)).as(worker.output()).containsEntry("status", "completed");

    PrometheusText metrics = PrometheusText.parse(metrics(plain.httpPort()));
    assertThat(metrics.value("docfleet_redis_pool_connections_max", "pool", "queue")).isEqualTo(64);
    assertThat(metrics.value("docfleet_redis_pool_connections", "pool", "queue")).isPositive();
    assertThat(metrics.value("hikaricp_connections_max", "pool", "docfleet-worker")).isEqualTo(10);
    eventually().until(() -> worker.output().contains("connection pools: Redis queue: "));
    assertThat(worker.output().lines().filter(line -> line.contains("connection pools: ")))
        .first()
        .asString()
        .contains("; PostgreSQL docfleet-worker: ");
  }

  private static String metrics(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
