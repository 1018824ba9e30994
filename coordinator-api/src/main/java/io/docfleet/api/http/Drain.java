package io.docfleet.api.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and drops what is left of the body of a request being refused, before the refusal is
 * written, up to {@value #CAP} bytes. HTTP/1.1 clients (the JDK's, the CLI's) read the answer only
 * once they have sent the whole body, and Jetty closes a connection whose body it did not read: a
 * refusal from the headers alone (a missing or wrong token, a declared size over the limit) would
 * reach such a client as a connection closed under it. Past the cap the body is left unread and the
 * connection closes, so no client can make the server read without end; Tomcat does the same
 * ({@code maxSwallowSize}). Wherever the rest of a body is left unread, the answer says {@code
 * Connection: close}, so no client sends its next request on a connection the server then closes.
 */
public final class Drain {
  static final long CAP = 16L * 1024 * 1024;
  private static final String CONNECTION = "Connection";
  private static final String CLOSE = "close";
  private static final int BUFFER_BYTES = 64 * 1024;

  private Drain() {}

  /** Before an error answer: the rest of the body is read, or the connection closes after it. */
  public static void beforeAnswer(Context http) {
    if (!CLOSE.equals(http.res().getHeader(CONNECTION)) && !readRest(http)) {
      leftUnread(http);
    }
  }

  /**
   * The rest of the body cannot be read (a parser failed part-way through it, and Jetty will not
   * let it be read on): the answer says the connection closes.
   */
  public static void leftUnread(Context http) {
    http.header(CONNECTION, CLOSE);
  }

  /** True when the body is read to its end, so the connection can carry the next request. */
  private static boolean readRest(Context http) {
    if (http.contentLength() > CAP) {
      return false;
    }
    try {
      InputStream in = http.bodyInputStream();
      byte[] buffer = new byte[BUFFER_BYTES];
      long read = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        read += n;
        if (read > CAP) {
          return false; // a chunked body, larger than it may be
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false; // the client went away, or the body cannot be read again
    }
  }
}
