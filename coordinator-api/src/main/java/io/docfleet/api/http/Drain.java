package io.docfleet.api.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and drops the rest of a request body that is being refused (413, too large), up to {@value
 * #CAP} bytes, so the client, still sending, gets the answer instead of a reset connection. A body
 * larger than that is left: the server then closes the connection, which is fair to a client that
 * sends that much past a limit it declared itself.
 */
public final class Drain {
  static final long CAP = 16L * 1024 * 1024;

  private Drain() {}

  public static void rest(Context http) {
    if (http.contentLength() > CAP) {
      return;
    }
    try (InputStream in = http.bodyInputStream()) {
      in.skipNBytes(Math.max(0, http.contentLength()));
    } catch (IOException | RuntimeException e) {
      // the client went away or sent less than it declared: nothing left to drain
    }
  }
}
