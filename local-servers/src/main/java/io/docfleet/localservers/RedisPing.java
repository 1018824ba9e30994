package io.docfleet.localservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Asks whatever listens at a host and port whether it is a Redis, with a bare RESP PING. */
final class RedisPing {
  private RedisPing() {}

  /** True when something at host:port answers a Redis PING (an auth error counts as an answer). */
  static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[64];
      int n = in.read(reply);
      if (n <= 0) {
        return false;
      }
      String text = new String(reply, 0, n, StandardCharsets.US_ASCII);
      return text.startsWith("+PONG") || text.startsWith("-NOAUTH") || text.startsWith("-ERR");
    } catch (IOException e) {
      return false;
    }
  }

  /** True once host:port answers, false when it has not answered within {@code timeout}. */
  static boolean answersWithin(String host, int port, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (!answers(host, port)) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting Redis", e);
      }
    }
    return true;
  }
}
