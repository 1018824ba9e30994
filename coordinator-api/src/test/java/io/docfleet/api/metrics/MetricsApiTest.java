package io.docfleet.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docfleet.api.TestCoordinator;
import io.docfleet.config.Concurrency;
import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.metrics.FleetHistograms;
import io.docfleet.metrics.FleetSeries;
import io.docfleet.metrics.HistogramCounts;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.spend.ProviderCall;
import io.docfleet.spend.SpendCounters;
import io.docfleet.task.Task;
import io.docfleet.testing.PrometheusText;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.handler.TaskOutcome;
import io.docfleet.worker.heartbeat.Heartbeat;
import io.docfleet.worker.heartbeat.WorkerCounters;
import io.docfleet.worker.heartbeat.WorkerRegistration;
import io.docfleet.worker.runtime.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.client.codec.StringCodec;

/**
 * {@code GET /metrics} parsed strictly: the values it shows are the ones seeded in Redis, the runs
 * of in-JVM workers, and the coordinator's JVM and pool. The coordinator's clock is the test's, so
 * ages are exact and the one-second reading cache expires when the test says.
 */
class MetricsApiTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeEach
  void reset() {
    api.reset();
    api.clock().advance(CoordinatorMetrics.READ_CACHE); // no reading of an earlier test
  }

  private FleetContext fleet() {
    return api.fleet();
  }

  private PrometheusText scrape() {
    TestCoordinator.Answer answer = api.get("/metrics");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    return PrometheusText.parse(answer.text());
  }

  private void registerWorker(String id) {
    new Heartbeat(
            fleet(),
            new WorkerRegistration(
                id, "h", 1, List.of("ocr"), new Concurrency(2, Map.of()), api.clock().instant()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            () -> new WorkerCounters(0, 0, 1))
        .beat();
  }

  private void count(String type, String field, long by) {
    fleet().redis().getMap(fleet().keys().stats(type), StringCodec.INSTANCE).addAndGet(field, by);
  }

  @Test
  void showsTheProviderSpendFromTheAllTimeCountersInRedis() {
    RBatch batch = fleet().redis().createBatch();
    new SpendCounters(fleet())
        .add(
            batch,
            List.of(
                row(false, "openai", "chat.completions", Map.of("input_tokens", 900L), "0.25"),
                row(true, "openai", "chat.completions", Map.of("input_tokens", 900L), "0.25"),
                row(false, "textract", "detect_document_text", Map.of("pages", 3L), "0.0045")));
    batch.execute();

    PrometheusText metrics = scrape();

    assertThat(metrics.type("docfleet_provider_cost_usd_total")).contains("counter");
    assertThat(
            metrics.value(
                "docfleet_provider_cost_usd_total",
                "provider",
                "openai",
                "operation",
                "chat.completions"))
        .isEqualTo(0.25);
    assertThat(
            metrics.value(
                "docfleet_provider_cost_usd_total",
                "provider",
                "textract",
                "operation",
                "detect_document_text"))
        .isEqualTo(0.0045);
    assertThat(
            metrics.value(
                "docfleet_provider_saved_usd_total",
                "provider",
                "openai",
                "operation",
                "chat.completions"))
        .isEqualTo(0.25);
    assertThat(
            metrics.value(
                "docfleet_provider_units_total",
                "provider",
                "textract",
                "operation",
                "detect_document_text",
                "unit",
                "pages"))
        .isEqualTo(3);
    assertThat(
            metrics.value(
                "docfleet_provider_units_total",
                "provider",
                "openai",
                "operation",
                "chat.completions",
                "unit",
                "input_tokens"))
        .isEqualTo(900); // the cached call's units were not billed
  }

  private static ProviderCall row(
      boolean cached, String provider, String operation, Map<String, Long> units, String usd) {
    return new ProviderCall(
        java.time.Instant.parse("2026-12-07T10:00:00Z"),
        "d1",
        "acme",
        "entities",
        "t1",
        provider,
        operation,
        null,
        cached,
        units,
        Map.of(),
        new java.math.BigDecimal(usd));
  }

  @Test
  void showsQueuesCountersCacheAndHeartbeatsAsSeededInRedis() {
    TaskSubmitter submitter = new TaskSubmitter(fleet(), FleetConfig.QueueSettings.defaults());
    for (int i = 0; i < 3; i++) {
      submitter.submit(Task.of("t" + i, "ocr", null));
    }
    registerWorker("w1");
    fleet()
        .redis()
        .getList(fleet().keys().inFlight("ocr", "w1"), StringCodec.INSTANCE)
        .add("{\"id\":\"held\"}");
    fleet()
        .redis()
        .getScoredSortedSet(fleet().keys().delayed("ocr"), StringCodec.INSTANCE)
        .addAll(Map.of("a", 1.0, "b", 2.0));
    fleet().redis().getList(fleet().keys().dead("ocr"), StringCodec.INSTANCE).add("{}");
    count("ocr", "completed", 5);
    count("ocr", "recovered", 2);
    count("ocr", "duplicates_suppressed", 4);
    count("ocr", "stale_completions", 1);
    fleet()
        .redis()
        .getMap(fleet().keys().cacheMetrics("ocr"), StringCodec.INSTANCE)
        .putAll(Map.of("hits", "7", "misses", "3", "lock_timeouts", "1"));
    api.clock().advance(Duration.ofSeconds(10));

    PrometheusText metrics = scrape();

    assertThat(metrics.value("docfleet_fleet_read_ok")).isEqualTo(1);
    assertThat(metrics.value("docfleet_queue_ready", "type", "ocr")).isEqualTo(3);
    assertThat(metrics.value("docfleet_queue_in_flight", "type", "ocr")).isEqualTo(1);
    assertThat(metrics.value("docfleet_queue_delayed", "type", "ocr")).isEqualTo(2);
    assertThat(metrics.value("docfleet_queue_dead", "type", "ocr")).isEqualTo(1);
    assertThat(metrics.value("docfleet_queue_workers", "type", "ocr")).isEqualTo(1);
    assertThat(metrics.value("docfleet_queue_oldest_ready_age_seconds", "type", "ocr"))
        .isEqualTo(10);
    assertThat(metrics.type("docfleet_tasks_completed_total")).contains("counter");
    assertThat(metrics.value("docfleet_tasks_submitted_total", "type", "ocr")).isEqualTo(3);
    assertThat(metrics.value("docfleet_tasks_completed_total", "type", "ocr")).isEqualTo(5);
    assertThat(metrics.value("docfleet_tasks_recovered_total", "type", "ocr")).isEqualTo(2);
    assertThat(metrics.value("docfleet_tasks_duplicates_total", "type", "ocr")).isEqualTo(4);
    assertThat(metrics.value("docfleet_tasks_stale_total", "type", "ocr")).isEqualTo(1);
    assertThat(metrics.value("docfleet_tasks_failed_total", "type", "ocr")).isZero();
    assertThat(metrics.value("docfleet_cache_hits_total", "cache", "ocr")).isEqualTo(7);
    assertThat(metrics.value("docfleet_cache_misses_total", "cache", "ocr")).isEqualTo(3);
    assertThat(metrics.value("docfleet_cache_lock_timeouts_total", "cache", "ocr")).isEqualTo(1);
    assertThat(metrics.value("docfleet_cache_hits_total", "cache", "entities")).isZero();
    assertThat(metrics.value("docfleet_worker_heartbeat_age_seconds", "worker", "w1"))
        .isEqualTo(10);
    assertThat(metrics.value("docfleet_workers", "status", "active")).isEqualTo(1);
    assertThat(metrics.value("docfleet_workers", "status", "lost")).isZero();
  }

  @Test
  void eachQueueCounterIsExportedUnderItsWireNameAndARenamedOneUnderItsOldNameToo() {
    new TaskSubmitter(fleet(), FleetConfig.QueueSettings.defaults())
        .submit(Task.of("t", "ocr", null));
    count("ocr", "recovered", 2); // written by a worker of the previous release
    count("ocr", "returned", 1);
    count("ocr", "requeued_on_shutdown", 3);
    count("ocr", "dead_lettered", 4);
    count("ocr", "dead", 1);

    TestCoordinator.Answer answer = api.get("/metrics");
    PrometheusText metrics = PrometheusText.parse(answer.text());

    for (QueueCounter counter : QueueCounter.values()) {
      String name = "docfleet_tasks_" + counter.wireName() + "_total";
      assertThat(metrics.type(name)).as(name).contains("counter");
    }
    assertThat(metrics.value("docfleet_tasks_returned_total", "type", "ocr")).isEqualTo(3);
    assertThat(metrics.value("docfleet_tasks_recovered_total", "type", "ocr")).isEqualTo(3);
    assertThat(metrics.value("docfleet_tasks_returned_on_shutdown_total", "type", "ocr"))
        .isEqualTo(3);
    assertThat(metrics.value("docfleet_tasks_requeued_on_shutdown_total", "type", "ocr"))
        .isEqualTo(3);
    assertThat(metrics.value("docfleet_tasks_dead_lettered_total", "type", "ocr")).isEqualTo(5);
    assertThat(answer.text())
        .contains(
            "# HELP docfleet_tasks_recovered_total Deprecated, use docfleet_tasks_returned_total",
            "# HELP docfleet_tasks_requeued_on_shutdown_total Deprecated, use"
                + " docfleet_tasks_returned_on_shutdown_total");
  }

  @Test
  void servesTheJvmTheConnectionPoolsAndTheCacheBreaker() {
    PrometheusText metrics = scrape();

    assertThat(metrics.value("docfleet_cache_breaker_open")).isZero();
    assertThat(metrics.value("docfleet_cache_breaker_openings_total")).isZero();

    assertThat(metrics.samples("jvm_memory_used_bytes")).isNotEmpty();
    assertThat(metrics.samples("jvm_threads_live_threads")).hasSize(1);
    assertThat(
            metrics.value("hikaricp_connections_max", "pool", api.context().database().poolName()))
        .isEqualTo(2);
    assertThat(metrics.find("hikaricp_connections_pending", "pool", "docfleet-coordinator"))
        .isPresent();
    assertThat(metrics.value("docfleet_redis_pool_connections_max", "pool", "queue")).isEqualTo(64);
    assertThat(metrics.value("docfleet_redis_pool_connections", "pool", "queue")).isPositive();
    for (String gauge : List.of("active", "idle", "pending")) {
      assertThat(metrics.find("docfleet_redis_pool_connections_" + gauge, "pool", "queue"))
          .as(gauge)
          .isPresent();
    }
    assertThat(metrics.find("docfleet_redis_pool_connections_max", "pool", "cache"))
        .as("the cache shares the queue's client here: no pool of its own")
        .isEmpty();
  }

  @Test
  void countsTheLiveWorkersOfEachQueueAndNotTheLostOnes() {
    registerWorker("w1");
    fleet().redis().getSet(fleet().keys().workersIndex()).add("lost-one"); // no hash: lost
    new TaskSubmitter(fleet(), FleetConfig.QueueSettings.defaults())
        .submitAll(List.of(Task.of("o", "ocr", null), Task.of("e", "entities", null)));

    PrometheusText metrics = scrape();

    assertThat(metrics.value("docfleet_queue_workers", "type", "ocr")).isEqualTo(1);
    assertThat(metrics.value("docfleet_queue_workers", "type", "entities")).isZero();
    assertThat(metrics.value("docfleet_workers", "status", "lost")).isEqualTo(1);
  }

  @Test
  void servesTheMemoryOfTheQueuesRedisAndTheCachesRedis() {
    PrometheusText metrics = scrape();

    for (String redis : List.of("queue", "cache")) {
      assertThat(metrics.value("docfleet_redis_up", "redis", redis)).isEqualTo(1);
      assertThat(metrics.value("docfleet_redis_memory_used_bytes", "redis", redis)).isPositive();
      assertThat(metrics.find("docfleet_redis_memory_max_bytes", "redis", redis)).isPresent();
      assertThat(metrics.find("docfleet_redis_evicted_keys_total", "redis", redis)).isPresent();
    }
  }

  @Test
  void servesAFailureCounterForEachOfItsLoops() {
    PrometheusText metrics = scrape();

    for (String loop :
        List.of(
            "dashboard-feed", "dashboard-ping", "cache-metrics", "pool-check", "pool-statistics")) {
      assertThat(metrics.find("docfleet_loop_failures_total", "loop", loop))
          .as("docfleet_loop_failures_total{loop=%s}", loop)
          .isPresent();
    }
  }

  @Test
  void taskDurationHistogramsCountEveryRunOfEveryWorker() {
    String type = "timed";
    HandlerRegistry handlers =
        new HandlerRegistry()
            .register(
                type,
                task ->
                    task.payload().path("fail").asBoolean()
                        ? new TaskOutcome.Failed("asked to fail")
                        : TaskOutcome.succeeded());
    List<Worker> workers = List.of(worker("wa", type, handlers), worker("wb", type, handlers));
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      tasks.add(
          Task.of("t" + i, type, fleet().codec().mapper().createObjectNode().put("fail", i < 4)));
    }
    new TaskSubmitter(fleet(), FleetConfig.QueueSettings.defaults()).submitAll(tasks);
    QueueInspector queues = new QueueInspector(fleet());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                queues.stats(type).counter(QueueCounter.COMPLETED) == 26
                    && queues.stats(type).dead() == 4);
    workers.forEach(Worker::drain); // the last flush of each

    PrometheusText metrics = scrape();

    PrometheusText.Histogram runs =
        metrics.histogram("docfleet_task_duration_seconds", "type", type);
    assertThat(runs.count()).isEqualTo(30);
    assertThat(runs.buckets()).containsKey(0.005).containsKey(300.0);
    assertThat(runs.sum()).isGreaterThanOrEqualTo(0);
    assertThat(metrics.value("docfleet_tasks_completed_total", "type", type)).isEqualTo(26);
    assertThat(metrics.value("docfleet_tasks_dead_lettered_total", "type", type)).isEqualTo(4);
  }

  @Test
  void providerCallHistogramsAddUpWhatWorkersFlushed() {
    FleetHistograms histograms = new FleetHistograms(fleet().keys());
    for (long[] flush : new long[][] {{20, 700}, {4_000}}) {
      HistogramCounts counts = new HistogramCounts();
      for (long ms : flush) {
        counts.record(Duration.ofMillis(ms).toNanos(), ms > 1000);
      }
      RBatch batch =
          fleet()
              .redis()
              .createBatch(
                  BatchOptions.defaults()
                      .executionMode(BatchOptions.ExecutionMode.IN_MEMORY_ATOMIC));
      histograms.add(
          batch, Map.of(FleetSeries.providerCall("openai", "entities"), counts.takeDelta()));
      batch.execute();
    }

    PrometheusText metrics = scrape();

    String[] labels = {"provider", "openai", "operation", "entities"};
    PrometheusText.Histogram calls =
        metrics.histogram("docfleet_provider_call_duration_seconds", labels);
    assertThat(calls.count()).isEqualTo(3);
    assertThat(calls.sum()).isCloseTo(4.72, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(calls.buckets())
        .containsEntry(0.025, 1.0)
        .containsEntry(1.0, 2.0)
        .containsEntry(5.0, 3.0);
    assertThat(metrics.value("docfleet_provider_call_errors_total", labels)).isEqualTo(1);
  }

  @Test
  void oneReadingAnswersTheScrapesOfASecond() {
    TaskSubmitter submitter = new TaskSubmitter(fleet(), FleetConfig.QueueSettings.defaults());
    submitter.submit(Task.of("first", "cached", null));
    assertThat(scrape().value("docfleet_queue_ready", "type", "cached")).isEqualTo(1);

    submitter.submit(Task.of("second", "cached", null));
    assertThat(scrape().value("docfleet_queue_ready", "type", "cached")).isEqualTo(1);

    api.clock().advance(CoordinatorMetrics.READ_CACHE);
    assertThat(scrape().value("docfleet_queue_ready", "type", "cached")).isEqualTo(2);
  }

  private Worker worker(String id, String type, HandlerRegistry handlers) {
    FleetConfig config =
        FleetConfig.fromEnv(
            new Env(
                Map.of(
                    "DOCFLEET_KEY_PREFIX",
                    fleet().keys().prefix(),
                    "WORKER_ID",
                    id,
                    "WORKER_TASK_TYPES",
                    type,
                    "WORKER_CONCURRENCY",
                    "2")));
    Worker worker = new Worker(fleet(), config, handlers);
    worker.start();
    return worker;
  }
}
