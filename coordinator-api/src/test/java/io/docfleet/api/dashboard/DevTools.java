package io.docfleet.api.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Chrome DevTools Protocol session on one page, over the JDK's WebSocket client: {@link #call}
 * sends a command and waits for its answer; events the browser sends are kept ({@link #events}).
 */
final class DevTools implements WebSocket.Listener, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  static DevTools connect(URI page) {
    DevTools session = new DevTools();
    session.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .buildAsync(page, session)
            .join();
    return session;
  }

  /** Runs a command and returns its result; fails when the browser answers an error. */
  JsonNode call(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", JSON.valueToTree(params));
    socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
    JsonNode reply;
    try {
      reply = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(method + ": no answer from the browser within " + PATIENCE, e);
    }
    if (reply.has("error")) {
      throw new AssertionError(method + " failed: " + reply.get("error"));
    }
    return reply.get("result");
  }

  /** The value of a JavaScript expression in the page, as text. */
  String evaluate(String expression) throws Exception {
    JsonNode result =
        call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new AssertionError(expression + " threw: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value").asText("");
  }

  /**
   * Evaluates {@code expression} until its value passes {@code check} (an expression that throws,
   * as it may while the page loads, counts as not yet); fails after a minute.
   */
  String waitFor(String expression, Predicate<String> check) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    String value = null;
    AssertionError failure = null;
    while (System.nanoTime() < deadline) {
      try {
        value = evaluate(expression);
        failure = null;
        if (check.test(value)) {
          return value;
        }
      } catch (AssertionError e) {
        failure = e;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(expression + " is still '" + value + "' after " + PATIENCE, failure);
  }

  /** The events named {@code method} the browser sent so far. */
  List<JsonNode> events(String method) {
    return events.stream().filter(e -> method.equals(e.path("method").asText())).toList();
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      deliver(partial.toString());
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  private void deliver(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (IOException e) {
      return;
    }
    if (message.has("id")) {
      CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
      if (answer != null) {
        answer.complete(message);
      }
    } else {
      events.add(message);
    }
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      socket.abort();
    }
  }
}
