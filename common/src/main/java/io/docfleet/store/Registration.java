package io.docfleet.store;

/**
 * What registering a document did. {@code CONTENT_CHANGED} tells the caller to drop whatever it
 * cached for the old bytes; {@code UNCHANGED} may still have updated the source, name, media type
 * or size.
 */
public enum Registration {
  /** The id was new: the document is stored as queued for its first stage. */
  NEW,
  /** The id was known with the same sha256. */
  UNCHANGED,
  /** The id was known with another sha256: the new file's details replaced the old ones. */
  CONTENT_CHANGED
}
