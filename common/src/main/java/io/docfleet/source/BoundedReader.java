package io.docfleet.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream to its end, failing as soon as it passes a size limit (not after). */
final class BoundedReader {
  private BoundedReader() {}

  static byte[] readAll(InputStream in, long maxBytes, String what)
      throws IOException, SourceException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge(what, maxBytes);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  static SourceException tooLarge(String what, long maxBytes) {
    return SourceException.permanent(
        what + " is larger than DOCFLEET_MAX_DOCUMENT_BYTES (" + maxBytes + " bytes)");
  }
}
