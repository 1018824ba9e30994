package io.docfleet.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook receiver the group runs send their {@code webhook} tasks to, on a free port of
 * 127.0.0.1: it records each delivery's arrival and answer ({@link ReceiverEvent}, with the {@code
 * eventId} and {@code group} of the event body) in the order they happen, holds each request for
 * {@link #holding} first, and answers 204. Each request has its own thread (an unbounded pool), so
 * a request that waits for a thread is never left out of the count of those in progress.
 *
 * <p>Lifecycle: {@link #start}; {@link #url} into the tasks; {@link #mark} and {@link #takeEvents}
 * per run; {@link #close}.
 */
final class HookReceiver implements AutoCloseable {
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService threads;
  private final List<ReceiverEvent> events = new ArrayList<>();
  private final AtomicInteger answered = new AtomicInteger();
  private volatile Duration hold = Duration.ZERO;

  private HookReceiver(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  static HookReceiver start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port for the webhook receiver", e);
    }
    ExecutorService threads =
        Executors.newCachedThreadPool(
            work -> {
              Thread thread = new Thread(work, "bench-hook-receiver");
              thread.setDaemon(true);
              return thread;
            });
    HookReceiver receiver = new HookReceiver(server, threads);
    server.createContext("/", receiver::handle);
    server.setExecutor(threads);
    server.start();
    return receiver;
  }

  /** {@code http://127.0.0.1:<port>/hook}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** How long each request is held before it is answered from now on. */
  void holding(Duration duration) {
    this.hold = duration;
  }

  /** Records a mark at this point of the events (say, just before a submit). */
  synchronized void mark() {
    events.add(ReceiverEvent.mark(System.nanoTime()));
  }

  /** Deliveries answered since the last {@link #takeEvents}. */
  int answered() {
    return answered.get();
  }

  /** The events so far, in order; the receiver starts a new list. */
  synchronized List<ReceiverEvent> takeEvents() {
    List<ReceiverEvent> taken = List.copyOf(events);
    events.clear();
    answered.set(0);
    return taken;
  }

  private synchronized void record(ReceiverEvent.Kind kind, String eventId, String group) {
    events.add(new ReceiverEvent(kind, eventId, group, System.nanoTime()));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode event;
      try {
        event = mapper.readTree(exchange.getRequestBody().readAllBytes());
      } catch (IOException e) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      String eventId = event.path("eventId").asText("");
      String group = event.path("group").asText("");
      record(ReceiverEvent.Kind.ARRIVED, eventId, group);
      Duration held = hold;
      if (!held.isZero()) {
        try {
          Thread.sleep(held.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      // counted before the answer leaves: the group's next run can only start after it
      record(ReceiverEvent.Kind.ANSWERED, eventId, group);
      answered.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
