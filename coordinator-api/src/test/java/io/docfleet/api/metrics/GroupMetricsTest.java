package io.docfleet.api.metrics;

import static io.docfleet.testing.Tasks.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.api.TestCoordinator;
import io.docfleet.config.FleetConfig;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import io.docfleet.testing.PrometheusText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

/**
 * {@code docfleet_queue_group_ready{type,group}} and {@code docfleet_queue_group_running}: each
 * type's groups as Redis holds them, only the 50 largest backlogs of a type (then by name).
 */
class GroupMetricsTest {
  @RegisterExtension static final TestCoordinator api = TestCoordinator.withEnv(Map.of());

  @BeforeEach
  void reset() {
    api.reset();
    api.clock().advance(CoordinatorMetrics.READ_CACHE);
  }

  private PrometheusText scrape() {
    TestCoordinator.Answer answer = api.get("/metrics");
    assertThat(answer.status()).isEqualTo(200);
    return PrometheusText.parse(answer.text());
  }

  @Test
  void eachTypesLargestGroupsAreExportedWithTheirReadyAndRunningTasks() {
    List<Task> tasks = new ArrayList<>();
    tasks.add(aTask("a1").withGroup("acme"));
    tasks.add(aTask("a2").withGroup("acme"));
    tasks.add(aTask("a3").withGroup("acme").withPriority(Priority.HIGH));
    for (int g = 0; g < 55; g++) {
      tasks.add(aTask("t" + g).withGroup(String.format("g%02d", g)));
    }
    new TaskSubmitter(api.fleet(), FleetConfig.QueueSettings.defaults()).submitAll(tasks);
    api.fleet()
        .redis()
        .getSet(api.fleet().keys().groups().running("noop", "g03"), StringCodec.INSTANCE)
        .add("t-running");

    PrometheusText metrics = scrape();

    assertThat(metrics.value("docfleet_queue_group_ready", "group", "acme", "type", "noop"))
        .isEqualTo(3);
    assertThat(metrics.value("docfleet_queue_group_running", "group", "acme", "type", "noop"))
        .isZero();
    assertThat(metrics.value("docfleet_queue_group_running", "group", "g03", "type", "noop"))
        .isEqualTo(1);
    assertThat(metrics.samples("docfleet_queue_group_ready")).hasSize(50);
    assertThat(metrics.samples("docfleet_queue_group_running")).hasSize(50);
    assertThat(metrics.find("docfleet_queue_group_ready", "group", "g48", "type", "noop"))
        .isPresent();
    assertThat(metrics.find("docfleet_queue_group_ready", "group", "g49", "type", "noop"))
        .as("past the 50 largest")
        .isEmpty();
    assertThat(metrics.value("docfleet_queue_ready", "type", "noop")).isEqualTo(58);
    assertThat(metrics.value("docfleet_queue_lane_ready", "lane", "high", "type", "noop"))
        .isEqualTo(1);
  }

  @Test
  void theOldestReadyAgeCountsTheGroupsTasksBehindTheLanesTurns() {
    TaskSubmitter submitter = new TaskSubmitter(api.fleet(), FleetConfig.QueueSettings.defaults());
    submitter.submit(aTask("old").withGroup("acme").withEnqueuedAt(api.clock().instant()));
    api.clock().advance(java.time.Duration.ofSeconds(90));
    submitter.submit(aTask("new").withEnqueuedAt(api.clock().instant()));
    api.clock().advance(CoordinatorMetrics.READ_CACHE);

    PrometheusText metrics = scrape();

    assertThat(metrics.value("docfleet_queue_oldest_ready_age_seconds", "type", "noop"))
        .isGreaterThanOrEqualTo(90);
  }
}
