package io.docfleet.worker.pipeline;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.redisson.api.RBatch;
import org.redisson.client.codec.StringCodec;

/**
 * Files submitted to the pipeline together from outside the fleet, as the demo and the pipeline
 * benchmark do: one {@code ocr} task per file with a {@code file://} source and a document id of
 * the batch's own ({@code <idPrefix><n>}); then the documents' {@code doc:state} hashes, read in
 * one round trip, until every document has ended (completed or failed). A document that has ended
 * is not read again (the pipeline writes its state no more), so a poll costs Redis one read per
 * document still running, not one per document of the batch.
 *
 * <p>Lifecycle: {@link #submit}; {@link #awaitEnded} (or {@link #progress} polled by the caller).
 */
public final class DocumentBatch {
  private static final Duration POLL = Duration.ofMillis(100);

  /** One submitted document: its id and the file its task names. */
  public record Submitted(String documentId, Path file) {}

  private final FleetContext fleet;
  private final List<Submitted> documents;
  private final Instant submittedAt;
  private final Map<String, Map<String, String>> ended = new ConcurrentHashMap<>();

  private DocumentBatch(FleetContext fleet, List<Submitted> documents, Instant submittedAt) {
    this.fleet = fleet;
    this.documents = List.copyOf(documents);
    this.submittedAt = submittedAt;
  }

  /** Submits an {@code ocr} task for each file, all in one call. */
  public static DocumentBatch submit(
      FleetContext fleet, TaskSubmitter submitter, String idPrefix, List<Path> files) {
    List<Submitted> documents = new ArrayList<>(files.size());
    List<Task> tasks = new ArrayList<>(files.size());
    String idFormat = "%s%0" + Integer.toString(files.size()).length() + "d";
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i).toAbsolutePath();
      String documentId = String.format(idFormat, idPrefix, i + 1);
      documents.add(new Submitted(documentId, file));
      tasks.add(
          Task.of(
                  "ocr-" + documentId,
                  Stage.OCR.taskType(),
                  fleet
                      .codec()
                      .mapper()
                      .createObjectNode()
                      .put("source", file.toUri().toString())
                      .put("documentId", documentId)
                      .put("name", file.getFileName().toString()))
              .withDocumentId(documentId));
    }
    Instant submittedAt = fleet.clock().instant();
    submitter.submitAll(tasks);
    return new DocumentBatch(fleet, documents, submittedAt);
  }

  public List<Submitted> documents() {
    return documents;
  }

  /** When the tasks were handed to the queue. */
  public Instant submittedAt() {
    return submittedAt;
  }

  /** Every document's {@code doc:state} hash, in submission order (empty before it started). */
  public List<Map<String, String>> states() {
    RBatch batch = fleet.redis().createBatch();
    List<String> read = new ArrayList<>();
    for (Submitted document : documents) {
      if (!ended.containsKey(document.documentId())) {
        read.add(document.documentId());
        batch
            .<String, String>getMap(fleet.keys().documentState(document.documentId()), text())
            .readAllMapAsync();
      }
    }
    List<?> responses = read.isEmpty() ? List.of() : batch.execute().getResponses();
    Map<String, Map<String, String>> fresh = new HashMap<>();
    for (int i = 0; i < read.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, String> state = (Map<String, String>) responses.get(i);
      fresh.put(read.get(i), state);
      if (hasEnded(state)) {
        ended.put(read.get(i), state);
      }
    }
    List<Map<String, String>> states = new ArrayList<>(documents.size());
    for (Submitted document : documents) {
      Map<String, String> state = fresh.get(document.documentId());
      states.add(state != null ? state : ended.get(document.documentId()));
    }
    return states;
  }

  private static boolean hasEnded(Map<String, String> state) {
    String status = state.getOrDefault("status", "");
    return status.equals(DocumentStatus.COMPLETED.wireName())
        || status.equals(DocumentStatus.FAILED.wireName());
  }

  /** How far the documents are, from their states now. */
  public BatchProgress progress() {
    return BatchProgress.of(states(), submittedAt, fleet.clock().instant());
  }

  /**
   * Polls until every document has ended, {@code timeout} has passed since submission, or {@code
   * keepWaiting} says to stop; hands each reading to {@code onProgress} and returns the last.
   */
  public BatchProgress awaitEnded(
      Duration timeout, Consumer<BatchProgress> onProgress, BooleanSupplier keepWaiting)
      throws InterruptedException {
    Instant deadline = submittedAt.plus(timeout);
    while (true) {
      BatchProgress progress = progress();
      onProgress.accept(progress);
      if (progress.ended()
          || !keepWaiting.getAsBoolean()
          || fleet.clock().instant().isAfter(deadline)) {
        return progress;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static StringCodec text() {
    return StringCodec.INSTANCE;
  }
}
