package io.docfleet.api.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.document.ContentHash;
import io.docfleet.document.Stage;
import io.docfleet.events.DocumentEvents;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.store.DocumentFile;
import io.docfleet.store.StatusChange;
import io.docfleet.task.Placement;
import io.docfleet.task.Task;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts a document's pipeline: registers it in PostgreSQL as queued for OCR, resets its {@code
 * doc:state:<id>} hash (and says so on {@code events:documents}), and queues the {@code ocr} task
 * that names its source. A document given by source is registered with size 0 and the sha256 of no
 * bytes until the OCR stage reads it and records the real ones; an upload is registered with its
 * real size and sha256.
 *
 * <p>A new document's id is won by one conditional insert in PostgreSQL (the system of record): of
 * concurrent submits of one id exactly one registers it, stores its upload and queues its task; the
 * others write and queue nothing.
 */
public final class DocumentSubmissions {
  static final String UNREAD_SHA256 = ContentHash.sha256(new byte[0]);
  static final String NOT_STORED =
      "the upload could not be stored where workers read it; submit it again under a new id";

  private final ApiContext api;
  private final TaskSubmitter submitter;
  private final DocumentEvents events;
  private final GroupConfigs groups;

  public DocumentSubmissions(ApiContext api) {
    this.api = api;
    this.groups = new GroupConfigs(api.fleet());
    this.submitter = new TaskSubmitter(api.fleet(), api.queue());
    this.events = new DocumentEvents(api.fleet());
  }

  /** A new document id: {@code doc-<uuid>}. */
  public static String newDocumentId() {
    return "doc-" + UUID.randomUUID();
  }

  /**
   * Registers a new document and queues its OCR; the task id, or empty when a document has the id
   * already (nothing is written or queued then).
   */
  public Optional<String> submitNew(DocumentFile file) {
    return submitNew(file, Optional.empty());
  }

  /** {@link #submitNew(DocumentFile)} with the completion webhook's checked destination. */
  public Optional<String> submitNew(DocumentFile file, Optional<String> callbackUrl) {
    return submitNew(file, callbackUrl, Placement.DEFAULT, () -> {});
  }

  /**
   * {@link #submitNew(DocumentFile, Optional)} in the lane and group of {@code placement} (the
   * document's later stages inherit them from its task) that runs {@code store} once the id is won,
   * before the task is queued: only the request that registered the document writes its upload. A
   * document in a group without a callback URL of its own gets the group's ({@link GroupConfigs}),
   * if it has one. When {@code store} fails the document is marked failed, saying so, and the
   * failure goes on to the caller (no webhook is sent for it: the submit's own answer tells the
   * failure).
   */
  Optional<String> submitNew(
      DocumentFile file, Optional<String> callbackUrl, Placement placement, Runnable store) {
    Optional<String> callback =
        callbackUrl.or(() -> placement.group().flatMap(g -> groups.read(g).callbackUrl()));
    if (!api.store().documents().registerNew(file, callback, placement)) {
      return Optional.empty();
    }
    try {
      store.run();
    } catch (RuntimeException e) {
      try {
        api.store()
            .documents()
            .changeStatus(file.id(), StatusChange.failed(Stage.OCR, NOT_STORED, 0));
      } catch (RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
    return Optional.of(queueOcr(file, placement));
  }

  /**
   * Queues a registered, finished document's OCR again, in the lane and group it was submitted
   * with; returns the task id.
   */
  public String resubmit(DocumentFile file) {
    return resubmit(file, api.store().documents().placement(file.id()));
  }

  /** As {@link #resubmit(DocumentFile)}, in the lane and group of {@code placement}. */
  public String resubmit(DocumentFile file, Placement placement) {
    api.store().documents().changeStatus(file.id(), StatusChange.queued(Stage.OCR));
    return queueOcr(file, placement);
  }

  /** A document given by source: size and sha256 are filled in when the OCR stage reads it. */
  static DocumentFile unread(String id, String source, String name, String mediaType) {
    return new DocumentFile(id, source, name, mediaType, 0, UNREAD_SHA256);
  }

  private String queueOcr(DocumentFile file, Placement placement) {
    String taskId = file.id() + "-ocr-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode payload = api.fleet().codec().mapper().createObjectNode();
    payload.put("source", file.source());
    payload.put("documentId", file.id());
    payload.put("name", file.name());
    payload.put("mediaType", file.mediaType());
    resetState(file.id(), taskId);
    submitter.submit(
        placement.on(
            Task.of(taskId, Stage.OCR.taskType(), payload)
                .withDocumentId(file.id())
                .withIdempotencyKey(taskId)));
    return taskId;
  }

  private void resetState(String documentId, String ocrTask) {
    String now = Long.toString(api.fleet().clock().millis());
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("document_id", documentId);
    fields.put("status", "queued");
    fields.put("stage", Stage.OCR.taskType());
    fields.put("progress", "0");
    fields.put("error", "");
    fields.put("updated_at", now);
    fields.put(DocumentView.OCR_TASK, ocrTask);
    var state =
        api.fleet().redis().<String, String>getMap(api.fleet().keys().documentState(documentId));
    state.delete();
    state.putAll(fields);
    events.publish(documentId, "queued", Stage.OCR.taskType(), 0, null);
  }
}
