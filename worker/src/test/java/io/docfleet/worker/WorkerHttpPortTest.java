package io.docfleet.worker;

import static io.docfleet.worker.Eventually.eventually;
import static io.docfleet.worker.WorkerProcess.aWorker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.queue.QueueCounter;
import io.docfleet.testing.PrometheusText;
import io.docfleet.testing.SlowTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code WorkerMain} with {@code WORKER_HTTP_PORT}: a worker process serves its port from start-up
 * until it drained, with its own runs and its JVM at {@code /metrics}; a port set in the variable
 * that is taken stops start-up with exit 2, naming the variable; with the variable unset, a second
 * worker on the host takes a free port instead of 8081, says which, and publishes it in its
 * registration.
 */
@SlowTest
class WorkerHttpPortTest {
  @RegisterExtension final WorkerProcesses workers = new WorkerProcesses();
  private final TestFleet fleet = TestFleet.onSharedRedis("http-port");
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void tearDown() {
    fleet.close();
  }

  private HttpResponse<String> get(int port, String path) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private int status(int port, String path) {
    try {
      return get(port, path).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aWorkerProcessServesItsPortUntilItDrained() throws IOException {
    int port = freePort();
    WorkerProcess worker = workers.start(aWorker("porter").against(fleet).httpPort(port));
    eventually().until(() -> status(port, "/ready") == 200);
    fleet.submitSleepTasks("run", 5, Duration.ofMillis(20));
    eventually().until(() -> fleet.counter(QueueCounter.COMPLETED) == 5);

    assertThat(get(port, "/health").statusCode()).isEqualTo(200);
    PrometheusText metrics = PrometheusText.parse(get(port, "/metrics").body());
    assertThat(metrics.histogram("docfleet_worker_task_duration_seconds", "type", "sleep").count())
        .isEqualTo(5);
    assertThat(metrics.value("docfleet_worker_tasks_completed_total")).isEqualTo(5);
    assertThat(metrics.samples("jvm_memory_used_bytes")).isNotEmpty();

    worker.terminate();
    assertThat(worker.awaitExit(Duration.ofSeconds(60))).as("exit code").isEqualTo(143);
    assertThat(worker.output()).contains("worker porter stopped: 5 completed");
    assertThatThrownBy(() -> get(port, "/health")).isInstanceOf(IOException.class);
  }

  @Test
  void twoWorkersWithTheDefaultPortBothStartAndPublishTheirOwnPorts() throws IOException {
    // Whoever holds 8081 (the first worker, or another program on this machine), the second
    // worker must start.
    WorkerProcess first =
        workers.start(aWorker("first").against(fleet).httpPort(WorkerProcess.UNSET));
    eventually().until(() -> fleet.isRegistered("first"));
    WorkerProcess second =
        workers.start(aWorker("second").against(fleet).httpPort(WorkerProcess.UNSET));
    eventually().until(() -> fleet.isRegistered("second") || !second.isAlive());

    assertThat(second.isAlive()).as(second.output()).isTrue();
    int firstPort = publishedPort("first");
    int secondPort = publishedPort("second");
    assertThat(secondPort).isNotEqualTo(firstPort).isNotEqualTo(8081);
    eventually().until(() -> status(firstPort, "/ready") == 200);
    eventually().until(() -> status(secondPort, "/ready") == 200);
    assertThat(second.output().lines().filter(line -> line.contains(" INFO ")))
        .as(second.output())
        .filteredOn(line -> line.contains("port 8081 is taken"))
        .singleElement()
        .asString()
        .contains("WORKER_HTTP_PORT is not set")
        .contains("on port " + secondPort + " instead");
    assertThat(first.isAlive()).isTrue();
  }

  private int publishedPort(String workerId) {
    String port =
        fleet
            .context()
            .redis()
            .<String, String>getMap(fleet.context().keys().worker(workerId))
            .get("http_port");
    assertThat(port).as("http_port of " + workerId).isNotNull();
    return Integer.parseInt(port);
  }

  @Test
  void aTakenPortStopsStartUpNamingTheVariable() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      WorkerProcess worker =
          workers.start(aWorker("squatter").against(fleet).httpPort(taken.getLocalPort()));

      assertThat(worker.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(worker.output()).contains("WORKER_HTTP_PORT " + taken.getLocalPort());
    }
  }
}
