package io.docfleet.api.documents;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where an uploaded document is kept so workers can read it: a local folder under {@code
 * DOCFLEET_FILE_ROOTS}, or an S3 bucket. Returns the source URI an {@code ocr} task names.
 */
public interface UploadStore {
  /** The source URI {@link #put} gives the file {@code name} of the document. */
  String sourceOf(String documentId, String name) throws IOException;

  /** Stores the spooled file as {@code name} of the document; returns its source URI. */
  String put(String documentId, String name, Path spooled) throws IOException;
}
