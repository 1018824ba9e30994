package io.docfleet.tools.bench;

import io.docfleet.config.RedisSettings;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A bare RESP connection for the server-side commands the benchmark needs and Redisson does not
 * expose plainly: {@code INFO}, {@code CONFIG RESETSTAT} and {@code MONITOR}. One command at a
 * time; replies are returned as text.
 */
final class RespConnection implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    this.out = socket.getOutputStream();
  }

  /** Connects to the first node of {@code settings}, authenticating when it has credentials. */
  static RespConnection open(RedisSettings settings) {
    URI uri = URI.create(settings.primaryAddress());
    try {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
      socket.setTcpNoDelay(true);
      RespConnection connection = new RespConnection(socket);
      if (settings.password().isPresent()) {
        String password = settings.password().get().value();
        if (settings.username().isPresent()) {
          connection.command("AUTH", settings.username().get(), password);
        } else {
          connection.command("AUTH", password);
        }
      }
      if (settings.database() != 0) {
        connection.command("SELECT", Integer.toString(settings.database()));
      }
      return connection;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach Redis at " + settings.primaryAddress(), e);
    }
  }

  /** Sends one command and returns its reply as text (an array's elements joined by newlines). */
  String command(String... words) {
    try {
      send(words);
      return reply();
    } catch (IOException e) {
      throw new UncheckedIOException("Redis command " + words[0] + " failed", e);
    }
  }

  /** Sends {@code MONITOR}; afterwards call {@link #nextLine} to read what the server does. */
  void startMonitor() {
    String ok = command("MONITOR");
    if (!ok.equals("OK")) {
      throw new IllegalStateException("MONITOR refused: " + ok);
    }
  }

  /** The next line the server sends; null when the connection closed. */
  String nextLine() throws IOException {
    String line = readLine();
    return line == null || line.isEmpty() ? line : line.substring(1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to do with a socket that does not close
    }
  }

  private void send(String... words) throws IOException {
    StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
    for (String word : words) {
      byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
      request.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
    }
    out.write(request.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String reply() throws IOException {
    String line = readLine();
    if (line == null || line.isEmpty()) {
      throw new IOException("connection closed");
    }
    String rest = line.substring(1);
    return switch (line.charAt(0)) {
      case '+', ':' -> rest;
      case '-' -> throw new IllegalStateException("Redis error: " + rest);
      case '$' -> bulk(Integer.parseInt(rest));
      case '*' -> array(Integer.parseInt(rest));
      default -> throw new IOException("unexpected reply " + line);
    };
  }

  private String array(int count) throws IOException {
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        joined.append('\n');
      }
      joined.append(reply());
    }
    return joined.toString();
  }

  private String bulk(int length) throws IOException {
    if (length < 0) {
      return "";
    }
    byte[] bytes = in.readNBytes(length + 2);
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\r') {
        in.read();
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }
}
