package io.docfleet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes no HTTP client would send (a bad request line, a NUL in a path, an unknown method, a
 * URI or header past the server's limits) over a plain socket to 127.0.0.1, and reads the answer
 * until the server closes the connection; or several requests at once on one connection, to see
 * which of them the server answered before it closed it.
 */
public final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TIMEOUT_MS = 10_000;

  private RawHttp() {}

  /** An answer: status, headers (names in lower case) and body. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  /** Sends {@code request} as it is (ISO-8859-1 bytes) to the port and reads the whole answer. */
  public static Answer send(int port, String request) {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  public static Answer send(int port, byte[] request) {
    return parse(exchange(port, request), 0).answer();
  }

  /**
   * Sends {@code requests} (several, one after the other on the one connection) and reads every
   * answer until the server closes the connection: as many answers as requests when the server read
   * each request through, fewer when it closed the connection early.
   */
  public static List<Answer> sendAll(int port, byte[] requests) {
    byte[] raw = exchange(port, requests);
    List<Answer> answers = new ArrayList<>();
    for (int at = 0; at < raw.length; ) {
      Parsed parsed = parse(raw, at);
      answers.add(parsed.answer());
      at = parsed.end();
    }
    return answers;
  }

  private static byte[] exchange(int port, byte[] request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // the server may answer and close before it read everything we sent
      }
      return readAll(socket.getInputStream());
    } catch (IOException e) {
      throw new AssertionError("no answer to a raw request: " + e, e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        bytes.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // a reset after the answer: keep what came
    }
    return bytes.toByteArray();
  }

  /** One answer parsed from the bytes read, and where the next one starts. */
  private record Parsed(Answer answer, int end) {}

  private static Parsed parse(byte[] raw, int from) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n", from);
    if (end < 0) {
      throw new AssertionError("no complete answer: '" + text.substring(from) + "'");
    }
    String[] lines = text.substring(from, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    int bodyStart = end + 4;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int next;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      next = unchunk(raw, bodyStart, body);
    } else if (headers.containsKey("content-length")) {
      next = Math.min(raw.length, bodyStart + Integer.parseInt(headers.get("content-length")));
      body.write(raw, bodyStart, next - bodyStart);
    } else {
      next = raw.length;
      body.write(raw, bodyStart, next - bodyStart);
    }
    return new Parsed(new Answer(status, headers, body.toString(StandardCharsets.UTF_8)), next);
  }

  /** Writes the chunked body starting at {@code at} into {@code body}; returns where it ends. */
  private static int unchunk(byte[] raw, int at, ByteArrayOutputStream body) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    while (at < text.length()) {
      int lineEnd = text.indexOf("\r\n", at);
      int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        int trailerEnd = text.indexOf("\r\n\r\n", lineEnd);
        return trailerEnd < 0 ? raw.length : trailerEnd + 4;
      }
      body.write(raw, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
    return raw.length;
  }
}
