package io.docfleet.store;

/** A write or status change for a document id that was never registered. */
public final class UnknownDocumentException extends StoreException {
  public UnknownDocumentException(String documentId) {
    super("document " + documentId + " is not registered");
  }

  UnknownDocumentException(String what, Throwable cause) {
    super(what + ": the document is not registered", cause);
  }
}
