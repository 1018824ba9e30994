package io.docfleet.store;

import java.util.Optional;

/** Registers documents and moves them through the statuses of the transition table. */
public interface Documents {
  /**
   * Stores a new document as queued for its first stage, or updates a known id's file details; says
   * whether the content (sha256) changed so the caller can drop its caches.
   */
  Registration register(DocumentFile file);

  /**
   * Stores a new document as queued for its first stage; false, writing nothing, when a document
   * has the id already. One conditional insert decides, so of concurrent calls with one id exactly
   * one returns true.
   */
  boolean registerNew(DocumentFile file);

  /**
   * {@link #registerNew(DocumentFile)} that stores {@code callbackUrl} with the document, in the
   * same insert: the completion webhook's destination survives restarts with the document.
   */
  boolean registerNew(DocumentFile file, Optional<String> callbackUrl);

  /** The completion webhook's destination the document was submitted with, if any. */
  Optional<String> callbackUrl(String id);

  Optional<DocumentRecord> find(String id);

  /**
   * Applies {@code change}, checked against {@code DocumentStatus.canBecome}; a change that alters
   * nothing writes nothing and returns the record as it is.
   *
   * @throws IllegalStatusChangeException when the transition table refuses it
   * @throws UnknownDocumentException when no document has that id
   */
  DocumentRecord changeStatus(String id, StatusChange change);
}
