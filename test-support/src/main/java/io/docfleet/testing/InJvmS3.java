package io.docfleet.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A small S3-compatible object store in this JVM for the tests: path-style {@code PUT}, {@code GET}
 * and {@code HEAD} of objects, S3's XML errors ({@code NoSuchKey}), and a switch that makes the
 * next answers fail with a status, to test retries. The real AWS SDK client talks to it.
 *
 * <p>{@link #withTestCredentials} also gives the SDK's default credentials chain a pair to sign
 * with (the store checks none). Held in a static {@code @RegisterExtension} field, the store stops
 * after the test class; otherwise {@link #close} stops it.
 *
 * <pre>{@code
 * @RegisterExtension static final InJvmS3 s3 = InJvmS3.withTestCredentials();
 * }</pre>
 */
public final class InJvmS3 implements AutoCloseable, AfterAllCallback {
  private final HttpServer server;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger gets = new AtomicInteger();
  private volatile int failStatus = 503;

  public InJvmS3() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * A store started, with {@code aws.accessKeyId} and {@code aws.secretAccessKey} set for the SDK's
   * default credentials chain, as a component configured from the environment finds them.
   */
  public static InJvmS3 withTestCredentials() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    try {
      return new InJvmS3();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the in-JVM S3", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void put(String bucket, String key, byte[] bytes) {
    objects.put(bucket + "/" + key, bytes);
  }

  /** The bytes stored under {@code bucket/key}, or null. */
  public byte[] object(String bucket, String key) {
    return objects.get(bucket + "/" + key);
  }

  /** The next {@code count} requests answer {@code status}. */
  public void failNext(int count, int status) {
    failStatus = status;
    failNext.set(count);
  }

  /** How many GETs of objects were served. */
  public int gets() {
    return gets.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        error(exchange, failStatus, "ServiceUnavailable", "injected failure");
        return;
      }
      String path = exchange.getRequestURI().getPath().substring(1);
      switch (exchange.getRequestMethod()) {
        case "PUT" -> {
          objects.put(path, decoded(exchange, body));
          exchange.sendResponseHeaders(200, -1);
        }
        case "GET", "HEAD" -> serve(exchange, path);
        default -> error(exchange, 405, "MethodNotAllowed", "not supported here");
      }
    }
  }

  /**
   * The object's bytes: the SDK signs a PUT over plain HTTP in chunks ({@code x-amz-content-sha256:
   * STREAMING-...}, frames of {@code <hex size>;chunk-signature=...\r\n <bytes>\r\n} ending with
   * size 0), which S3 unwraps; so does this store.
   */
  private static byte[] decoded(HttpExchange exchange, byte[] body) {
    String sha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
    if (sha == null || !sha.startsWith("STREAMING-")) {
      return body;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int lineEnd = indexOfCrLf(body, at);
      String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(header.split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(body, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOfCrLf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }

  private void serve(HttpExchange exchange, String path) throws IOException {
    byte[] body = objects.get(path);
    if (body == null) {
      error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
      return;
    }
    exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(body.length) + "\"");
    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    gets.incrementAndGet();
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
