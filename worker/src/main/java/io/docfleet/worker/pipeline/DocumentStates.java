package io.docfleet.worker.pipeline;

import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.events.DocumentEvent;
import io.docfleet.events.DocumentEvents;
import io.docfleet.queue.PendingDocuments;
import io.docfleet.redis.FleetContext;
import io.docfleet.store.DocumentRecord;
import io.docfleet.store.DocumentStore;
import io.docfleet.store.IllegalStatusChangeException;
import io.docfleet.store.StageOutput;
import io.docfleet.store.StatusChange;
import java.util.LinkedHashMap;
import java.util.Map;
import org.redisson.api.RBatch;

/**
 * A document's state, written to both places that hold it: PostgreSQL (the system of record,
 * through the transition table) and the {@code doc:state:<documentId>} hash that operators and
 * dashboards read (status, stage, {@code <stage>_status}, why a waiting stage waits, when each
 * stage first started and when it ended in this run, progress, error, updated_at, and the provider
 * calls and cache hits the document cost).
 *
 * <p>Each change is also published on {@code events:documents}; a running document is marked
 * pending ({@link PendingDocuments}) and unmarked when it ends; a stage that is done writes its
 * results, records its engine ({@link StageEngines}) and moves PostgreSQL's stage on to the next
 * one in one transaction, and the next stage is queued right after, so the coordinator's reconciler
 * resubmits the right stage after Redis lost a task. PostgreSQL is written first; then everything a
 * change writes to Redis (hash, counts, live spend counters, pending mark, event) goes in one round
 * trip; the spend ledger's rows go to PostgreSQL in the stage's end statement. A document that
 * reaches its final status then has its completion webhook queued ({@link DocumentWebhooks}).
 */
final class DocumentStates {
  private final FleetContext fleet;
  private final DocumentStore store;
  private final PipelineContext pipeline;
  private final DocumentWebhooks webhooks;

  DocumentStates(PipelineContext pipeline) {
    this.fleet = pipeline.fleet();
    this.store = pipeline.store();
    this.pipeline = pipeline;
    this.webhooks = new DocumentWebhooks(pipeline);
  }

  /**
   * A worker runs {@code stage} of the document.
   *
   * @throws AlreadyEnded when the document is completed or failed already
   */
  void running(String documentId, Stage stage, int attempt) throws AlreadyEnded {
    try {
      store.documents().changeStatus(documentId, StatusChange.processing(stage, attempt));
    } catch (IllegalStatusChangeException e) {
      DocumentRecord current = store.documents().find(documentId).orElseThrow(() -> e);
      if (current.status().isFinal()) {
        throw new AlreadyEnded(current);
      }
      throw e;
    }
    RBatch batch = fleet.redis().createBatch();
    new PendingDocuments(fleet).mark(batch, documentId);
    write(batch, documentId, DocumentStatus.PROCESSING, stage, "running", null);
    batch.execute();
  }

  /**
   * {@code stage} waits (on a provider's job, the fleet's rate limit or a spent budget) and runs
   * again later: {@code <stage>_status} is {@code waiting} and {@code <stage>_waiting_for} says
   * why, as {@link WaitReasons#shown} makes {@code reason} one short line; PostgreSQL still says
   * processing.
   */
  void waiting(String documentId, Stage stage, String reason) {
    RBatch batch = fleet.redis().createBatch();
    write(batch, documentId, DocumentStatus.PROCESSING, stage, "waiting", null, reason);
    batch.execute();
  }

  /**
   * {@code stage} is done with {@code output}, which cost {@code costs}; the next stage is queued,
   * or the document is complete.
   *
   * @throws EndNotTold when the document completed in PostgreSQL but Redis could not be told
   */
  void done(String documentId, Stage stage, StageOutput output, RunCosts costs) {
    boolean last = stage.next().isEmpty();
    DocumentRecord after =
        store
            .stageCompletions()
            .complete(
                documentId,
                stage,
                output,
                StageEngines.of(pipeline, stage),
                last
                    ? StatusChange.completed()
                    : StatusChange.processing(stage.next().orElseThrow(), 0),
                costs.unrecorded());
    costs.recorded();
    try {
      RBatch batch = fleet.redis().createBatch();
      new RunCostWrites(fleet, store).add(batch, documentId, costs);
      if (last) {
        new PendingDocuments(fleet).clear(batch, documentId);
      }
      write(
          batch,
          documentId,
          last ? DocumentStatus.COMPLETED : DocumentStatus.PROCESSING,
          stage,
          "done",
          null);
      batch.execute();
      costs.written();
      if (last) {
        webhooks.queue(after);
      }
    } catch (RuntimeException e) {
      if (last) {
        throw new EndNotTold(documentId, e);
      }
      throw e;
    }
  }

  /**
   * {@code stage} failed for good: the document ends failed with the message. A document that
   * failed at this stage already (a run that recorded it stopped before it told Redis) is told
   * again as it is, so its webhook is queued.
   *
   * @throws EndNotTold when the failure is recorded in PostgreSQL but Redis could not be told
   */
  void failed(String documentId, Stage stage, String error, int attempts) {
    DocumentRecord after;
    try {
      after =
          store.documents().changeStatus(documentId, StatusChange.failed(stage, error, attempts));
    } catch (IllegalStatusChangeException e) {
      after = store.documents().find(documentId).orElseThrow(() -> e);
      if (after.status() != DocumentStatus.FAILED || after.stage() != stage) {
        throw e;
      }
    }
    ended(after);
  }

  /**
   * Tells Redis and the document's webhook that it ended as {@code record} (its final state in
   * PostgreSQL) shows: the end of a run, or the rest of one that stopped after its commit.
   */
  void ended(DocumentRecord record) {
    boolean completed = record.status() == DocumentStatus.COMPLETED;
    try {
      RBatch batch = fleet.redis().createBatch();
      new PendingDocuments(fleet).clear(batch, record.id());
      write(
          batch,
          record.id(),
          record.status(),
          record.stage(),
          completed ? "done" : "failed",
          record.error().orElse(null));
      batch.execute();
      webhooks.queue(record);
    } catch (RuntimeException e) {
      throw new EndNotTold(record.id(), e);
    }
  }

  /**
   * Adds what a run cost, when it ended without {@link #done} ({@link RunCostWrites#writeAlone}).
   */
  void count(String documentId, RunCosts costs) {
    new RunCostWrites(fleet, store).writeAlone(documentId, costs);
  }

  private void write(
      RBatch batch,
      String documentId,
      DocumentStatus status,
      Stage stage,
      String stageStatus,
      String error) {
    write(batch, documentId, status, stage, stageStatus, error, null);
  }

  /**
   * Writes the change; {@code <stage>_waiting_for} is the reason while the stage waits and empty
   * otherwise, in the same {@code HSET}, so no reason outlives its wait.
   */
  private void write(
      RBatch batch,
      String documentId,
      DocumentStatus status,
      Stage stage,
      String stageStatus,
      String error,
      String waitingFor) {
    long now = fleet.clock().millis();
    int progress = progress(stage, stageStatus, status);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("document_id", documentId);
    fields.put("status", status.wireName());
    fields.put("stage", stage.taskType());
    fields.put(stage.taskType() + "_status", stageStatus);
    fields.put(stage.taskType() + "_timestamp", Long.toString(now));
    fields.put(
        stage.taskType() + "_waiting_for", waitingFor == null ? "" : WaitReasons.shown(waitingFor));
    fields.put("progress", Integer.toString(progress));
    fields.put("error", error == null ? "" : error);
    fields.put("updated_at", Long.toString(now));
    if (stageStatus.equals("done") || stageStatus.equals("failed")) {
      fields.put(stage.taskType() + "_ended_at", Long.toString(now));
    }
    String key = fleet.keys().documentState(documentId);
    batch.<String, String>getMap(key).putAllAsync(fields);
    if (stageStatus.equals("running")) {
      // The first start of the stage in this run: a retry or a poll's next run keeps it (a
      // reprocess deletes the hash, so its run starts afresh).
      batch
          .<String, String>getMap(key)
          .fastPutIfAbsentAsync(stage.taskType() + "_started_at", Long.toString(now));
    }
    new DocumentEvents(fleet)
        .publish(
            batch,
            new DocumentEvent(
                documentId, status.wireName(), stage.taskType(), progress, error, now));
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
