package io.docfleet.worker.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.document.DocumentStatus;
import io.docfleet.document.Stage;
import io.docfleet.logging.LogSafe;
import io.docfleet.store.DocumentRecord;
import io.docfleet.task.Task;
import io.docfleet.worker.handler.PermanentTaskException;
import io.docfleet.worker.handler.TaskOutcome;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stage's task does for a document that has ended already ({@link AlreadyEnded}), and for
 * one whose end PostgreSQL holds but Redis and its webhook were not told ({@link EndNotTold}): the
 * end is told (again), so a webhook lost between the commit and its queuing is queued by the task's
 * next run, under the same event id. A run that could not tell it puts its task off without using
 * an attempt, marked so that the next run tells the end and does nothing else.
 */
final class EndedDocuments {
  private static final Logger log = LoggerFactory.getLogger(EndedDocuments.class);

  /** How soon a task whose document's end could not be told runs again to tell it. */
  static final Duration TELL_AGAIN = Duration.ofSeconds(5);

  /** The payload field that marks a task whose next run only tells its document's end. */
  static final String TELL_END = "tellEnd";

  private final PipelineContext pipeline;
  private final Stage stage;

  EndedDocuments(PipelineContext pipeline, Stage stage) {
    this.pipeline = pipeline;
    this.stage = stage;
  }

  /**
   * The task ran for a document that ended already. When it ended at this stage, the run that ended
   * it may have stopped before Redis and its webhook were told: they are told now (again), and the
   * task ends as that run would have. Else the task is a stale copy and ends with nothing to do.
   */
  TaskOutcome endedBefore(Task task, DocumentRecord record) throws PermanentTaskException {
    if (record.stage() != stage) {
      log.info(
          "task {} of stage {}: document {} is {} already, at stage {}; nothing to do",
          LogSafe.text(task.id()),
          stage.taskType(),
          LogSafe.text(record.id()),
          record.status().wireName(),
          record.stage().taskType());
      return TaskOutcome.succeeded();
    }
    try {
      pipeline.states().ended(record);
    } catch (EndNotTold e) {
      return tellAgainLater(task, e.getMessage());
    }
    if (record.status() == DocumentStatus.COMPLETED) {
      return TaskOutcome.succeeded();
    }
    throw new PermanentTaskException(record.error().orElse("the document failed"));
  }

  /**
   * The document's end is recorded but not told: the task runs again, without using an attempt,
   * marked ({@link #TELL_END}) so that its next run only tells the end.
   */
  static TaskOutcome tellAgainLater(Task task, String reason) {
    log.warn("{}; its task runs again in {} to tell it", reason, TELL_AGAIN);
    ObjectNode payload = task.payload().deepCopy().put(TELL_END, true);
    return TaskOutcome.pollLater(TELL_AGAIN, reason, payload);
  }

  /** True for a task whose run only tells its document's end ({@link #tellAgainLater}). */
  static boolean onlyTellsTheEnd(Task task) {
    return task.payload().path(TELL_END).asBoolean(false);
  }

  /**
   * The run of a task marked by {@link #tellAgainLater}: tells the end of {@code documentId} as
   * PostgreSQL holds it; a document queued again since has nothing to tell.
   */
  TaskOutcome tellEnd(Task task, String documentId) throws PermanentTaskException {
    DocumentRecord record = pipeline.store().documents().find(documentId).orElse(null);
    if (record == null || !record.status().isFinal()) {
      return TaskOutcome.succeeded();
    }
    return endedBefore(task, record);
  }
}
