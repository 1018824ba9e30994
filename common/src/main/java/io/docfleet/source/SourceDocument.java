package io.docfleet.source;

import io.docfleet.document.ContentHash;
import java.net.URI;

/** The bytes of one document as read from its source, with their SHA-256. */
public record SourceDocument(URI uri, String name, byte[] bytes, String sha256) {

  public static SourceDocument of(URI uri, String name, byte[] bytes) {
    return new SourceDocument(uri, name, bytes, ContentHash.sha256(bytes));
  }

  public long size() {
    return bytes.length;
  }
}
