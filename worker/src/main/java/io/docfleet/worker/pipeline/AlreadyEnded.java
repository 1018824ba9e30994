package io.docfleet.worker.pipeline;

import io.docfleet.store.DocumentRecord;

/**
 * A stage's task ran for a document that has ended already: the run that ended it stopped before
 * its task's end reached Redis (its process died), or the task is a stale copy. {@link
 * StageHandler} finishes telling the end when the document ended at this stage, else does nothing.
 */
final class AlreadyEnded extends Exception {
  private final transient DocumentRecord record;

  AlreadyEnded(DocumentRecord record) {
    super(
        "document " + record.id() + " is " + record.status().wireName() + " already",
        null,
        false,
        false);
    this.record = record;
  }

  DocumentRecord record() {
    return record;
  }
}
