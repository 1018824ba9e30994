package io.docfleet.api.documents;

import io.docfleet.api.http.ApiException;
import io.docfleet.source.DocumentSources;
import io.docfleet.source.FileSource;
import io.docfleet.source.S3Location;
import io.docfleet.source.SourceException;
import java.net.URI;

/**
 * Checks a document source before it is queued, the way a worker will read it: {@code
 * s3://bucket/key} (the key taken literally, see {@link S3Location}), or {@code file://} to an
 * existing file under {@code DOCFLEET_FILE_ROOTS}. Anything else is a 400 naming the field.
 */
public final class SourceCheck {
  private final FileSource files;

  public SourceCheck(FileSource files) {
    this.files = files;
  }

  /** The source as a URI string; 400 naming {@code field} when a worker could not read it. */
  public String check(String field, String source) {
    try {
      URI uri = DocumentSources.parse(source);
      if ("s3".equals(uri.getScheme())) {
        return S3Location.parse(uri).source();
      }
      if ("file".equals(uri.getScheme())) {
        return files.resolveAllowed(uri).toUri().toString();
      }
      throw ApiException.badRequest(
          field, "'" + field + "' must be s3://bucket/key or file:///path");
    } catch (SourceException e) {
      throw ApiException.badRequest(field, e.getMessage());
    }
  }
}
