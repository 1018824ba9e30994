package io.docfleet.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.document.Stage;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import io.docfleet.worker.pipeline.DocumentBatch.Submitted;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.client.codec.StringCodec;

/**
 * A batch submitted from outside the fleet (as the demo and the benchmark submit theirs) and
 * followed through its documents' {@code doc:state} hashes on the real Redis, written here as the
 * pipeline writes them: what it queues, what its progress counts, and that a document that ended is
 * not read again.
 */
class DocumentBatchTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("batch");

  private static final Instant SUBMITTED = Instant.ofEpochMilli(1_000_000);

  private final SettableClock clock = new SettableClock(SUBMITTED);
  private final FleetContext fleet = redis.context(clock);
  private final TaskSubmitter submitter = new TaskSubmitter(fleet, QueueSettings.defaults());

  @TempDir Path inbox;

  private DocumentBatch submit(int files) {
    List<Path> paths =
        IntStream.rangeClosed(1, files).mapToObj(i -> inbox.resolve("file-" + i + ".pdf")).toList();
    return DocumentBatch.submit(fleet, submitter, "run-", paths);
  }

  /**
   * Writes a document's state hash as the pipeline would, last updated {@code at} after submission.
   */
  private void state(String documentId, String status, Duration at, Map<String, String> counts) {
    Map<String, String> fields = new HashMap<>(counts);
    fields.put("status", status);
    fields.put("updated_at", Long.toString(SUBMITTED.plus(at).toEpochMilli()));
    fleet
        .redis()
        .<String, String>getMap(fleet.keys().documentState(documentId), StringCodec.INSTANCE)
        .putAll(fields);
  }

  private void forget(String documentId) {
    fleet.redis().getKeys().delete(fleet.keys().documentState(documentId));
  }

  @Test
  void eachFileBecomesAnOcrTaskNumberedInTheBatchsOrderSoTheIdsSort() throws Exception {
    DocumentBatch batch = submit(10);

    assertThat(batch.submittedAt()).isEqualTo(SUBMITTED);
    assertThat(batch.documents())
        .extracting(Submitted::documentId)
        .containsExactly(
            "run-01", "run-02", "run-03", "run-04", "run-05", "run-06", "run-07", "run-08",
            "run-09", "run-10");
    assertThat(batch.documents().get(9).file()).isEqualTo(inbox.resolve("file-10.pdf"));
    List<Task> queued = new ArrayList<>();
    for (String item :
        fleet
            .redis()
            .<String>getList(fleet.keys().ready(Stage.OCR.taskType()), StringCodec.INSTANCE)
            .readAll()) {
      queued.add(fleet.codec().decode(item));
    }
    assertThat(queued).hasSize(10);
    Task tenth = queued.stream().filter(t -> t.id().equals("ocr-run-10")).findFirst().orElseThrow();
    assertThat(tenth.documentId()).isEqualTo("run-10");
    assertThat(tenth.payload().path("documentId").asText()).isEqualTo("run-10");
    assertThat(tenth.payload().path("name").asText()).isEqualTo("file-10.pdf");
    assertThat(tenth.payload().path("source").asText())
        .isEqualTo(inbox.resolve("file-10.pdf").toUri().toString());
  }

  @Test
  void aDocumentThatEndedIsNotReadAgain() {
    DocumentBatch batch = submit(2);
    state("run-1", "completed", Duration.ofSeconds(3), Map.of());
    state("run-2", "processing", Duration.ofSeconds(2), Map.of());
    assertThat(batch.states())
        .extracting(s -> s.get("status"))
        .containsExactly("completed", "processing");

    // the ended document's hash goes (an operator reprocesses it): the batch keeps its end
    forget("run-1");
    state("run-2", "failed", Duration.ofSeconds(4), Map.of());
    assertThat(batch.states())
        .extracting(s -> s.get("status"))
        .containsExactly("completed", "failed");

    forget("run-2");
    assertThat(batch.states())
        .extracting(s -> s.get("status"))
        .containsExactly("completed", "failed");
  }

  @Test
  void progressCountsTheStartedAndEndedDocumentsAndWhatTheyCost() {
    DocumentBatch batch = submit(3);
    state(
        "run-1",
        "completed",
        Duration.ofSeconds(4),
        Map.of("provider_calls", "2", "cache_hits", "1"));
    state("run-2", "failed", Duration.ofSeconds(6), Map.of("provider_calls", "1"));
    clock.advance(Duration.ofSeconds(10));

    BatchProgress running = batch.progress();

    assertThat(running)
        .isEqualTo(new BatchProgress(3, 2, 1, 1, 3, 1, Duration.ofSeconds(10))); // until now
    assertThat(running.ended()).isFalse();

    state("run-3", "completed", Duration.ofSeconds(8), Map.of("provider_calls", "many"));
    clock.advance(Duration.ofSeconds(10));

    BatchProgress ended = batch.progress();

    // until the last document ended, not until now; a count that is not a number counts nothing
    assertThat(ended).isEqualTo(new BatchProgress(3, 3, 2, 1, 3, 1, Duration.ofSeconds(8)));
    assertThat(ended.ended()).isTrue();
    assertThat(ended.documentsPerSecond()).isEqualTo(3 / 8.0);
  }

  @Test
  void awaitingHandsOverEachReadingAndReturnsOnceEveryDocumentEnded() throws Exception {
    DocumentBatch batch = submit(2);
    state("run-1", "completed", Duration.ofSeconds(1), Map.of());
    state("run-2", "completed", Duration.ofSeconds(2), Map.of());
    List<BatchProgress> readings = new ArrayList<>();

    BatchProgress last = batch.awaitEnded(Duration.ofMinutes(1), readings::add, () -> true);

    assertThat(last.ended()).isTrue();
    assertThat(readings).containsExactly(last);
  }

  @Test
  void awaitingStopsWhenTheCallerStopsWaiting() throws Exception {
    DocumentBatch batch = submit(1);
    state("run-1", "processing", Duration.ofSeconds(1), Map.of());
    List<BatchProgress> readings = new ArrayList<>();

    BatchProgress last =
        batch.awaitEnded(Duration.ofMinutes(1), readings::add, () -> readings.size() < 2);

    assertThat(readings).hasSize(2); // read, waited, read again, then told to stop
    assertThat(last.ended()).isFalse();
  }

  @Test
  void awaitingStopsOnceTheTimeoutHasPassedSinceTheSubmission() throws Exception {
    DocumentBatch batch = submit(1);
    clock.advance(Duration.ofMinutes(2));
    List<BatchProgress> readings = new ArrayList<>();

    BatchProgress last = batch.awaitEnded(Duration.ofMinutes(1), readings::add, () -> true);

    assertThat(readings).containsExactly(last);
    assertThat(last.started()).isZero();
    assertThat(last.elapsed()).isEqualTo(Duration.ofMinutes(2));
  }
}
