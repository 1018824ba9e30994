package io.docfleet.api.dashboard;

import io.docfleet.api.TestCoordinator;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.source.DocumentSources;
import io.docfleet.source.FileSource;
import io.docfleet.store.JdbcDocumentStore;
import io.docfleet.worker.extraction.RulesEntityExtractor;
import io.docfleet.worker.extraction.RulesStructuredExtractor;
import io.docfleet.worker.extraction.TextChunker;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.ocr.PdfBoxEngine;
import io.docfleet.worker.ocr.TextractJobSettings;
import io.docfleet.worker.pipeline.Pipeline;
import io.docfleet.worker.pipeline.PipelineContext;
import io.docfleet.worker.runtime.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real in-JVM workers for the console's browser tests, on the test coordinator's Redis and
 * PostgreSQL: one runs the pipeline (local engines) on text files under the coordinator's root, one
 * runs {@code flaky} tasks that fail (once, then dead-lettered) until {@link #fix} names them; none
 * serves {@link #WAITING}. {@link #close} drains them.
 */
final class ConsoleFleet implements AutoCloseable {
  static final String FLAKY = "flaky";

  /** A type no worker serves: its tasks wait in their lanes. */
  static final String WAITING = "waiting";

  /** A type no worker serves either, whose tasks wait in groups: see {@link #submitGrouped}. */
  static final String GROUPED = "grouped";

  /**
   * Flaky tasks whose id starts so make their handler throw (for the task page's stack summary).
   */
  static final String THROWS = "flaky-thrown";

  private final TestCoordinator api;
  private final FleetContext fleet;
  private final Set<String> fixed = ConcurrentHashMap.newKeySet();
  private final List<Worker> workers = new ArrayList<>();

  ConsoleFleet(TestCoordinator api) {
    this.api = api;
    FleetContext coordinator = api.fleet();
    this.fleet =
        new FleetContext(
            coordinator.redis(), coordinator.keys(), coordinator.codec(), Clock.systemUTC());
  }

  private FleetConfig config(String id, String types) {
    Map<String, String> env = new HashMap<>();
    env.put("DOCFLEET_KEY_PREFIX", fleet.keys().prefix());
    env.put("WORKER_ID", id);
    env.put("WORKER_TASK_TYPES", types);
    env.put("WORKER_CONCURRENCY", "2");
    env.put("TASK_MAX_ATTEMPTS", "1");
    env.put("DELAYED_POLL_INTERVAL", "100ms");
    return FleetConfig.fromEnv(new Env(env));
  }

  /** Starts the pipeline's worker (ocr, entities, structured) and the flaky tasks' worker. */
  ConsoleFleet start() {
    FleetConfig config = config("worker-pipeline-1", "ocr,entities,structured");
    PipelineContext pipeline =
        new PipelineContext(
            fleet,
            new JdbcDocumentStore(api.db().dataSource(), Clock.systemUTC()),
            new DocumentSources(List.of(new FileSource(List.of(api.root()))), 1 << 20),
            api.context().cache(),
            new TaskSubmitter(fleet, config.queue()),
            new PdfBoxEngine(),
            TextractJobSettings.defaults(),
            new TextChunker(400),
            new RulesEntityExtractor(),
            new RulesStructuredExtractor(),
            config.queue().maxAttempts());
    start(new Worker(fleet, config, Pipeline.register(new HandlerRegistry(), pipeline)));
    HandlerRegistry flaky =
        new HandlerRegistry()
            .register(
                FLAKY,
                task -> {
                  if (task.id().startsWith(THROWS)) {
                    throw new IllegalStateException("the flaky parser broke");
                  }
                  return fixed.contains(task.id())
                      ? TaskOutcome.succeeded()
                      : new TaskOutcome.RetryLater("the flaky service answered 503");
                });
    start(new Worker(fleet, config("worker-flaky-1", FLAKY), flaky));
    return this;
  }

  private void start(Worker worker) {
    worker.start();
    workers.add(worker);
  }

  /** From now on the flaky task {@code id} succeeds. */
  void fix(String id) {
    fixed.add(id);
  }

  /** A text file under the coordinator's root, submitted through the API; its document id. */
  String submitDocument(String name, String text) throws Exception {
    Path file = api.root().resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    TestCoordinator.Answer answer =
        api.post("/api/v1/documents", "{\"source\":\"" + file.toUri() + "\"}");
    if (answer.status() != 202) {
      throw new AssertionError("submit answered " + answer.status() + ": " + answer.text());
    }
    return answer.json().get("documentId").asText();
  }

  /** Flaky tasks with these ids, submitted through the API. */
  void submitFlaky(String... ids) {
    StringBuilder body = new StringBuilder("[");
    for (String id : ids) {
      body.append(body.length() > 1 ? "," : "").append("{\"id\":\"").append(id).append("\"}");
    }
    TestCoordinator.Answer answer = api.post("/api/v1/tasks/" + FLAKY, body.append("]").toString());
    if (answer.status() / 100 != 2) {
      throw new AssertionError("submit answered " + answer.status() + ": " + answer.text());
    }
  }

  /**
   * Tasks of {@link #WAITING}, a type no worker serves, so they wait: {@code lane-urgent} in the
   * high lane, {@code lane-routine} in the normal one.
   */
  void submitWaiting() {
    String body = "[{\"id\":\"lane-urgent\",\"priority\":\"high\"},{\"id\":\"lane-routine\"}]";
    TestCoordinator.Answer answer = api.post("/api/v1/tasks/" + WAITING, body);
    if (answer.status() / 100 != 2) {
      throw new AssertionError("submit answered " + answer.status() + ": " + answer.text());
    }
  }

  /**
   * Tasks of {@link #GROUPED}: {@code acme-1} and {@code acme-2} in group acme, {@code globex-1} in
   * group globex (each with a turn in the normal lane), and {@code plain-1} in no group.
   */
  void submitGrouped() {
    String body =
        "[{\"id\":\"acme-1\",\"group\":\"acme\"},{\"id\":\"plain-1\"},"
            + "{\"id\":\"acme-2\",\"group\":\"acme\"},{\"id\":\"globex-1\",\"group\":\"globex\"}]";
    TestCoordinator.Answer answer = api.post("/api/v1/tasks/" + GROUPED, body);
    if (answer.status() / 100 != 2) {
      throw new AssertionError("submit answered " + answer.status() + ": " + answer.text());
    }
  }

  @Override
  public void close() {
    workers.forEach(Worker::drain);
  }
}
