package io.docfleet.api.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A server on 127.0.0.1 that takes every connection, reads the request's head and closes the
 * connection without answering: what a client sees of the coordinator refusing an upload larger
 * than it reads to answer.
 */
final class ClosingServer implements AutoCloseable {
  private final ServerSocket socket;

  ClosingServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::closeEach, "closing-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  private void closeEach() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        readHead(client.getInputStream());
      } catch (IOException e) {
        // closed: the test is over, or the client went first
      }
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
