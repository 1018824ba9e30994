package io.docfleet.worker.pipeline;

/**
 * PostgreSQL holds a document's final status, but Redis or its webhook could not be told (Redis
 * failed after the commit): the stage's task runs again later, without using an attempt, and tells
 * the end then ({@link AlreadyEnded}).
 */
final class EndNotTold extends RuntimeException {
  EndNotTold(String documentId, RuntimeException cause) {
    super("document " + documentId + " ended, but its end could not be told: " + cause, cause);
  }
}
