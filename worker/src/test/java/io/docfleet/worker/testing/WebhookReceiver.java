package io.docfleet.worker.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A webhook receiver on a free port of 127.0.0.1: it keeps each delivery's raw body and headers (so
 * a test verifies the signature over the exact bytes) and answers the n-th delivery (from 1) with
 * the status {@code answers} gives, 204 unless told otherwise; a 3xx answer carries {@code
 * Location: <redirectTo>}.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One delivery as received. */
  public record Delivery(String path, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile IntFunction<Integer> answers = n -> 204;
  private volatile String redirectTo = "http://127.0.0.1:9/elsewhere";

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a loopback port", e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers the n-th delivery (from 1) with {@code status.apply(n)}. */
  public WebhookReceiver answering(IntFunction<Integer> status) {
    this.answers = status;
    return this;
  }

  /** Where a 3xx answer points. */
  public WebhookReceiver redirectingTo(String location) {
    this.redirectTo = location;
    return this;
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      deliveries.add(
          new Delivery(
              exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
      int status = answers.apply(count.incrementAndGet());
      if (status >= 300 && status < 400) {
        exchange.getResponseHeaders().add("Location", redirectTo);
      }
      exchange.sendResponseHeaders(status, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
