package io.docfleet.worker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.docfleet.worker.metrics.WorkerMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's small HTTP port, on the JDK's own server: {@code GET /health} (200 while the process
 * runs), {@code GET /ready} (200 when {@link WorkerReadiness} says so, else 503 saying what failed;
 * 503 from the start of a drain) and {@code GET /metrics} (the worker's meters in the Prometheus
 * text format). Anything else is 404, another method 405.
 *
 * <p>Lifecycle: {@link #bind} takes the port (failing when it is taken), so the worker can publish
 * it before it runs; {@link #serve} starts answering ({@link #start} does both); {@link #close}
 * stops, after the worker drained, giving requests under way a second.
 */
public final class WorkerHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerHttpServer.class);
  static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads;
  private final WorkerMetrics metrics;
  private volatile WorkerReadiness readiness;

  private WorkerHttpServer(HttpServer server, ExecutorService threads, WorkerMetrics metrics) {
    this.server = server;
    this.threads = threads;
    this.metrics = metrics;
  }

  /**
   * Serves on {@code host}:{@code port} (0 picks a free port).
   *
   * @throws UncheckedIOException when the address cannot be bound (the port is taken)
   */
  public static WorkerHttpServer start(
      String host, int port, WorkerReadiness readiness, WorkerMetrics metrics) {
    return bind(host, port, metrics).serve(readiness);
  }

  /**
   * Takes {@code host}:{@code port} (0 picks a free port) without answering yet: connections wait
   * until {@link #serve}.
   *
   * @throws UncheckedIOException when the address cannot be bound (the port is taken)
   */
  public static WorkerHttpServer bind(String host, int port, WorkerMetrics metrics) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e, e);
    }
    // Two threads: a /ready that waits on a silent Redis does not hold up /health or /metrics.
    AtomicInteger count = new AtomicInteger();
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread thread = new Thread(r, "worker-http-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    WorkerHttpServer http = new WorkerHttpServer(server, threads, metrics);
    server.createContext("/", http::handle);
    server.setExecutor(threads);
    return http;
  }

  /** Starts answering, with {@code readiness} behind {@code /ready}. */
  public WorkerHttpServer serve(WorkerReadiness readiness) {
    this.readiness = readiness;
    server.start();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean known = path.equals("/health") || path.equals("/ready") || path.equals("/metrics");
      if (!known) {
        send(exchange, 404, "application/json", error("no such endpoint: " + path));
        return;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        send(exchange, 405, "application/json", error("method not allowed here"));
        return;
      }
      switch (path) {
        case "/health" -> send(exchange, 200, "application/json", "{\"status\":\"ok\"}");
        case "/ready" -> ready(exchange);
        default -> send(exchange, 200, METRICS_TYPE, metrics.scrape());
      }
    } catch (RuntimeException e) {
      log.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
    }
  }

  private void ready(HttpExchange exchange) throws IOException {
    WorkerReadiness.Check check = readiness.check();
    ObjectNode answer = JSON.createObjectNode();
    answer.put("ready", check.ready());
    answer.put("draining", check.draining());
    answer.put("heartbeat", check.heartbeat());
    answer.put("redis", check.redis());
    send(exchange, check.ready() ? 200 : 503, "application/json", answer.toString());
  }

  private static String error(String message) {
    return JSON.createObjectNode().put("error", message).toString();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(1);
    threads.shutdownNow();
  }
}
