package io.docfleet.store;

import io.docfleet.task.Placement;
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
  default boolean registerNew(DocumentFile file, Optional<String> callbackUrl) {
    return registerNew(file, callbackUrl, Placement.DEFAULT);
  }

  /**
   * {@link #registerNew(DocumentFile, Optional)} that also stores where the document's tasks wait
   * ({@code placement}), in the same insert.
   */
  boolean registerNew(DocumentFile file, Optional<String> callbackUrl, Placement placement);

  /** The completion webhook's destination the document was submitted with, if any. */
  Optional<String> callbackUrl(String id);

  /**
   * Where the document's tasks wait, as its submit said: {@link Placement#DEFAULT} for an unknown
   * document or one submitted before placements were kept.
   */
  Placement placement(String id);

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
