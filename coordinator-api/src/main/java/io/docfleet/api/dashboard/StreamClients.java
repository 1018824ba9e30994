package io.docfleet.api.dashboard;

import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open event streams. A client leaves the set when it closes (its close callback calls {@link
 * #remove}): Javalin closes it when a write fails (the browser went away), so the next broadcast
 * after a disconnect forgets it.
 */
final class StreamClients {
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

  void add(SseClient client) {
    clients.add(client);
    if (client.terminated()) {
      clients.remove(client);
    }
  }

  void remove(SseClient client) {
    clients.remove(client);
  }

  /** Sends one event (its data a JSON text on one line) to every open stream. */
  void broadcast(String event, String json) {
    for (SseClient client : clients) {
      if (client.terminated()) {
        clients.remove(client);
      } else {
        client.sendEvent(event, json);
      }
    }
  }

  /** A comment line to every stream: keeps quiet connections open and finds closed ones. */
  void ping() {
    for (SseClient client : clients) {
      if (client.terminated()) {
        clients.remove(client);
      } else {
        client.sendComment("keep-alive");
      }
    }
  }

  int size() {
    return clients.size();
  }

  /** Ends every stream, so the server can stop without waiting for them. */
  void closeAll() {
    for (SseClient client : clients) {
      client.close();
    }
    clients.clear();
  }
}
