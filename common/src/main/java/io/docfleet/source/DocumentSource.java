package io.docfleet.source;

import java.net.URI;

/** Where documents come from: one implementation per URI scheme. */
public interface DocumentSource {
  /** True for the URIs this source reads. */
  boolean handles(URI uri);

  /** Reads the whole document, refusing it as soon as it passes {@code maxBytes}. */
  SourceDocument read(URI uri, long maxBytes) throws SourceException;
}
