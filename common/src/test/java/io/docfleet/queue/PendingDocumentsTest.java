package io.docfleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RBatch;

/** Pending marks: set by submits and the pipeline, read in one round trip by the reconciler. */
class PendingDocumentsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("pending");

  private final String prefix = redis.prefix();
  private final FleetContext fleet = redis.context(Clock.systemUTC());
  private final PendingDocuments pending = new PendingDocuments(fleet);

  @Test
  void aSubmittedTaskMarksItsDocumentUntilTheDocumentEnds() {
    TaskSubmitter submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    submitter.submitAll(
        List.of(
            Task.of("t1", "ocr", null).withDocumentId("d1"),
            Task.of("t2", "entities", null).withDocumentId("d2"),
            Task.of("t3", "noop", null)));

    assertThat(pending.pendingAmong(List.of("d1", "d2", "d3"))).containsExactly("d1", "d2");
    assertThat(fleet.redis().getBucket(fleet.keys().pendingDocument("d1")).remainTimeToLive())
        .isPositive()
        .isLessThanOrEqualTo(PendingDocuments.TTL.toMillis());

    pending.clear("d1");
    pending.mark("d3");
    pending.markAll(List.of());

    assertThat(pending.pendingAmong(List.of("d1", "d2", "d3"))).containsExactly("d2", "d3");
    assertThat(pending.pendingAmong(List.of())).isEmpty();
  }

  @Test
  void marksAndClearsGoInTheCallersBatch() {
    RBatch batch = fleet.redis().createBatch();
    pending.mark(batch, "d1");
    pending.mark(batch, "d2");
    assertThat(pending.pendingAmong(List.of("d1", "d2"))).isEmpty(); // nothing sent yet
    batch.execute();
    assertThat(pending.pendingAmong(List.of("d1", "d2"))).containsExactly("d1", "d2");

    RBatch ending = fleet.redis().createBatch();
    pending.clear(ending, "d1");
    ending.execute();

    assertThat(pending.pendingAmong(List.of("d1", "d2"))).containsExactly("d2");
  }
}
