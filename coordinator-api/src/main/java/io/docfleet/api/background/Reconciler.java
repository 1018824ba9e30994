package io.docfleet.api.background;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.document.Stage;
import io.docfleet.logging.LogSafe;
import io.docfleet.queue.PendingDocuments;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.store.DocumentRecord;
import io.docfleet.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues again the task of every document that PostgreSQL shows unfinished ({@code queued} or
 * {@code processing}) but that has no task in Redis, e.g. after Redis lost everything.
 *
 * <p>Finding "a task for it" never reads the queues: the submitter and the pipeline keep a mark,
 * {@code pipeline:pending:<documentId>}, while a document has a task queued, delayed or running,
 * and this pass walks the unfinished documents in pages (keyset on the partial index) and checks
 * each page's marks in one pipelined round trip, so a pass costs one query and one round trip per
 * page whatever the length of the queues. Documents changed within {@code RECONCILE_GRACE} are left
 * alone: their submit or stage may still be under way.
 *
 * <p>The task queued is the one of the document's current stage (PostgreSQL's {@code stage}; the
 * pipeline moves it on when it queues the next stage), with the id {@code
 * reconcile:<documentId>@<updatedAt ms>><stage>} and the same string as idempotency key, the
 * pipeline's convention: two passes or two leaders that see the same state queue it once. The
 * stages write PostgreSQL idempotently and read provider results from the cache, so a stage that
 * runs again after a loss costs no second result.
 *
 * <p>Runs on the background thread when elected and every {@code RECONCILE_INTERVAL} while leader.
 */
final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final BackgroundContext background;
  private final BackgroundSettings settings;
  private final PendingDocuments pending;
  private final TaskSubmitter submitter;

  Reconciler(BackgroundContext background, BackgroundSettings settings) {
    this.background = background;
    this.settings = settings;
    this.pending = new PendingDocuments(background.fleet());
    this.submitter = new TaskSubmitter(background.fleet(), background.queue());
  }

  /** One pass; returns the number of documents whose task was queued again. */
  int reconcileOnce() {
    Instant cutoff = background.fleet().clock().instant().minus(settings.reconcileGrace());
    int batch = settings.reconcileBatch();
    int resubmitted = 0;
    List<DocumentRecord> page = background.store().documentQueries().unfinished(batch);
    while (!page.isEmpty()) {
      List<DocumentRecord> quiet =
          page.stream().filter(d -> d.updatedAt().isBefore(cutoff)).toList();
      Set<String> marked = pending.pendingAmong(quiet.stream().map(DocumentRecord::id).toList());
      List<Task> lost = new ArrayList<>();
      for (DocumentRecord document : quiet) {
        if (marked.contains(document.id())) {
          continue;
        }
        try {
          lost.add(taskFor(document));
        } catch (RuntimeException e) {
          log.warn(
              "document {} has no task and none can be built, skipped: {}",
              LogSafe.text(document.id()),
              LogSafe.text(e));
        }
      }
      if (!lost.isEmpty()) {
        submitter.submitAll(lost);
        lost.forEach(
            task ->
                log.info(
                    "document {} had no task in Redis: queued {} again as {}",
                    LogSafe.text(task.documentId()),
                    task.type(),
                    LogSafe.text(task.id())));
      }
      resubmitted += lost.size();
      DocumentRecord last = page.get(page.size() - 1);
      if (page.size() < batch || !last.updatedAt().isBefore(cutoff)) {
        break;
      }
      page =
          background.store().documentQueries().unfinishedAfter(last.updatedAt(), last.id(), batch);
    }
    return resubmitted;
  }

  /** The task of the document's current stage, with a deterministic id and idempotency key. */
  Task taskFor(DocumentRecord document) {
    Stage stage = document.stage();
    String id =
        "reconcile:"
            + document.id()
            + "@"
            + document.updatedAt().toEpochMilli()
            + ">"
            + stage.taskType();
    ObjectNode payload = background.fleet().codec().mapper().createObjectNode();
    payload.put("documentId", document.id());
    if (stage == Stage.OCR) {
      payload.put("source", document.file().source());
      payload.put("name", document.file().name());
      payload.put("mediaType", document.file().mediaType());
    }
    return background
        .store()
        .documents()
        .placement(document.id())
        .on(Task.of(id, stage.taskType(), payload).withDocumentId(document.id()))
        .withIdempotencyKey(id);
  }
}
