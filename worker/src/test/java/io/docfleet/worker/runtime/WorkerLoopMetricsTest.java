package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.Env;
import io.docfleet.config.FleetConfig;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.PrometheusText;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.metrics.WorkerMetrics;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every background loop of a worker counts its failed passes in the worker's {@code /metrics}, so a
 * loop that keeps failing shows there (at zero from the start, so a rate has a base).
 */
class WorkerLoopMetricsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("worker-loops");

  private final String prefix = redis.prefix();
  private final FleetContext fleet = redis.context(Clock.systemUTC());
  private final WorkerMetrics metrics = WorkerMetrics.create();

  @AfterEach
  void tearDown() {
    metrics.close();
  }

  @Test
  void eachLoopOfAWorkerHasAFailureCounterInItsMetrics() {
    FleetConfig config =
        FleetConfig.fromEnv(
            new Env(
                Map.of(
                    "WORKER_ID",
                    "loops",
                    "WORKER_TASK_TYPES",
                    "noop",
                    "DOCFLEET_KEY_PREFIX",
                    prefix)));
    try (Worker worker = new Worker(fleet, config, HandlerRegistry.withBuiltins(), metrics)) {
      worker.start();

      PrometheusText scraped = PrometheusText.parse(metrics.scrape());
      for (String loop :
          new String[] {
            "heartbeat",
            "delayed-promoter",
            "reaper",
            "orphan-sweep",
            "task-lock-watchdog",
            "fleet-metrics"
          }) {
        assertThat(scraped.find("docfleet_loop_failures_total", "loop", loop))
            .as("docfleet_loop_failures_total{loop=%s}", loop)
            .hasValueSatisfying(sample -> assertThat(sample.value()).isZero());
      }
    }
  }
}
