package io.docfleet.tools.standins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on a free 127.0.0.1 port, the base of the provider stand-ins: it reads each
 * request's JSON body and lets the subclass answer. A body that is not JSON is a 400 naming why.
 * Lifecycle: serving from construction until {@link #close}.
 */
abstract class LoopbackServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One request: method, path, the headers (as the JDK gives them) and the JSON body. */
  record Request(String method, String path, Map<String, String> headers, JsonNode body) {}

  /** One answer: status, content type, body and extra headers. */
  record Reply(int status, String contentType, String body, Map<String, String> headers) {}

  private final HttpServer server;
  private final ExecutorService threads;

  LoopbackServer(String name) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a loopback port for the " + name, e);
    }
    threads =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread thread = new Thread(r, name);
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}. */
  final String address() {
    return "http://"
        + server.getAddress().getAddress().getHostAddress()
        + ":"
        + server.getAddress().getPort();
  }

  /** The answer to a request whose body is JSON (or empty: a JSON null). */
  abstract Reply answer(Request request) throws IOException;

  /** What to answer a request whose body is not JSON. */
  abstract Reply badRequest(String message);

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      Reply reply;
      try {
        JsonNode body = raw.length == 0 ? JSON.nullNode() : JSON.readTree(raw);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
        reply =
            answer(
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    headers,
                    body));
      } catch (JsonProcessingException e) {
        reply = badRequest("the body is not JSON: " + e.getOriginalMessage());
      } catch (RuntimeException e) {
        reply = new Reply(500, "text/plain", "stand-in failed: " + e, Map.of());
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", reply.contentType());
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
