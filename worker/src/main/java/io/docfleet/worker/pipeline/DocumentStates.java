package io.docfleet.worker.pipeline;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.events.DocumentEvent;
import io.docfleet.events.DocumentEvents;
import io.docfleet.queue.PendingDocuments;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.DocumentStore;
import io.docfleet.store.StatusChange;
import java.util.LinkedHashMap;
import java.util.Map;
import org.redisson.api.RBatch;
import org.redisson.api.RMap;

/**
 * A document's state, written to both places that hold it: PostgreSQL (the system of record,
 * through the transition table) and the {@code doc:state:<documentId>} hash that operators and
 * dashboards read (status, stage, {@code <stage>_status}, progress, error, updated_at, and the
 * provider calls and cache hits the document cost).
 *
 * <p>Each change is also published on {@code events:documents}; a running document is marked
 * pending ({@link PendingDocuments}) and unmarked when it ends; a stage that is done records its
 * engine ({@link StageEngines}) and moves PostgreSQL's stage on to the next one, which is queued
 * right after, so the coordinator's reconciler requeues the right stage after Redis lost a task.
 */
final class DocumentStates {
  private final FleetContext fleet;
  private final DocumentStore store;
  private final PipelineContext ctx;

  DocumentStates(PipelineContext ctx) {
    this.fleet = ctx.fleet();
    this.store = ctx.store();
    this.ctx = ctx;
  }

  /** A worker runs {@code stage} of the document. */
  void running(String documentId, Stage stage, int attempt) {
    store.documents().changeStatus(documentId, StatusChange.processing(stage, attempt));
    new PendingDocuments(fleet).mark(documentId);
    write(documentId, DocumentStatus.PROCESSING, stage, "running", null);
  }

  /**
   * {@code stage} waits on a provider's job (or its rate limit) and runs again later: {@code
   * <stage>_status} is {@code waiting}; PostgreSQL still says processing.
   */
  void waiting(String documentId, Stage stage) {
    write(documentId, DocumentStatus.PROCESSING, stage, "waiting", null);
  }

  /** {@code stage} is done; the next stage is queued, or the document is complete. */
  void done(String documentId, Stage stage) {
    boolean last = stage.next().isEmpty();
    store.stageEngines().record(documentId, stage, StageEngines.of(ctx, stage));
    if (last) {
      store.documents().changeStatus(documentId, StatusChange.completed());
      new PendingDocuments(fleet).clear(documentId);
    } else {
      store
          .documents()
          .changeStatus(documentId, StatusChange.processing(stage.next().orElseThrow(), 0));
    }
    write(
        documentId,
        last ? DocumentStatus.COMPLETED : DocumentStatus.PROCESSING,
        stage,
        "done",
        null);
  }

  /** {@code stage} failed for good: the document ends failed with the message. */
  void failed(String documentId, Stage stage, String error, int attempts) {
    store.documents().changeStatus(documentId, StatusChange.failed(stage, error, attempts));
    new PendingDocuments(fleet).clear(documentId);
    write(documentId, DocumentStatus.FAILED, stage, "failed", error);
  }

  /** Adds what a stage cost: provider calls made and cache hits. */
  void count(String documentId, long providerCalls, long cacheHits) {
    RBatch batch = fleet.redis().createBatch();
    String key = fleet.keys().documentState(documentId);
    batch.getMap(key).addAndGetAsync("provider_calls", providerCalls);
    batch.getMap(key).addAndGetAsync("cache_hits", cacheHits);
    batch.execute();
  }

  private void write(
      String documentId, DocumentStatus status, Stage stage, String stageStatus, String error) {
    String now = Long.toString(fleet.clock().millis());
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("document_id", documentId);
    fields.put("status", status.wireName());
    fields.put("stage", stage.taskType());
    fields.put(stage.taskType() + "_status", stageStatus);
    fields.put(stage.taskType() + "_timestamp", now);
    fields.put("progress", Integer.toString(progress(stage, stageStatus, status)));
    fields.put("error", error == null ? "" : error);
    fields.put("updated_at", now);
    RMap<String, String> state = fleet.redis().getMap(fleet.keys().documentState(documentId));
    state.putAll(fields);
    new DocumentEvents(fleet)
        .publish(
            new DocumentEvent(
                documentId,
                status.wireName(),
                stage.taskType(),
                Integer.parseInt(fields.get("progress")),
                error,
                Long.parseLong(now)));
  }

  /** Percent done: each finished stage counts a third; a final status counts as 100. */
  private static int progress(Stage stage, String stageStatus, DocumentStatus status) {
    if (status.isFinal()) {
      return 100;
    }
    int finished = stage.ordinal() + (stageStatus.equals("done") ? 1 : 0);
    return finished * 100 / Stage.values().length;
  }
}
