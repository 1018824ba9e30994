package io.docfleet.api.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.ApiContext;
import io.docfleet.api.queues.QueueRoutes;
import io.docfleet.events.DocumentEvent;
import io.docfleet.store.DocumentRecord;
import io.javalin.http.sse.SseClient;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the live dashboards of this coordinator over server-sent events. Every {@code
 * COORDINATOR_DASHBOARD_INTERVAL} it takes a snapshot, keeps its queue depths in the in-memory
 * history and pushes it ({@code snapshot}) to every open stream; every event on {@code
 * events:documents} is counted and pushed as it comes ({@code document}). A stream that connects
 * gets the history ({@code history}) and a snapshot taken for it at once.
 *
 * <p>Lifecycle: {@link #start} counts the completions of the history window from PostgreSQL,
 * subscribes and starts sampling; {@link #close} unsubscribes, stops sampling and ends every
 * stream. All writes to streams happen on the one sampling thread, so each stream sees its events
 * in order and a sample that fails (Redis away) is logged and retried at the next tick.
 */
public final class DashboardFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DashboardFeed.class);
  static final int SEED_LIMIT = 10_000;
  static final long PING_SECONDS = 15;

  private final ApiContext ctx;
  private final DashboardSettings settings;
  private final DepthHistory history;
  private final DocumentActivity activity;
  private final SnapshotReader reader;
  private final StreamClients clients = new StreamClients();
  private final DocumentEventTap tap;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "dashboard-feed");
            thread.setDaemon(true);
            return thread;
          });

  public DashboardFeed(ApiContext ctx, QueueRoutes queues) {
    this.ctx = ctx;
    this.settings = ctx.config().dashboard();
    this.history = new DepthHistory(settings.samples());
    this.activity = new DocumentActivity(ctx.fleet().clock(), settings.minutes());
    this.reader = new SnapshotReader(ctx, queues, activity);
    this.tap = new DocumentEventTap(ctx.fleet(), this::onDocumentEvent);
  }

  public DashboardFeed start() {
    countRecentCompletions();
    tap.start();
    long every = settings.interval().toMillis();
    loop.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    loop.scheduleWithFixedDelay(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  /**
   * Takes a new stream holding {@code slot}: keeps it open, then sends it the history and a
   * snapshot. The slot goes back when the stream closes.
   */
  void connect(SseClient client, StreamLimit.Slot slot) {
    client.onClose(
        () -> {
          clients.remove(client);
          slot.release();
        });
    client.keepAlive();
    try {
      loop.execute(() -> welcome(client));
    } catch (RejectedExecutionException e) {
      client.close();
    }
  }

  private void welcome(SseClient client) {
    try {
      DepthSample.History sent =
          new DepthSample.History(
              settings.interval().toMillis(), settings.samples(), history.samples());
      client.sendEvent("history", json(sent));
      client.sendEvent("snapshot", json(reader.read()));
    } catch (RuntimeException e) {
      log.warn(
          "a new dashboard stream got no first snapshot; it gets the next one: {}", e.toString());
    }
    clients.add(client);
  }

  private void tick() {
    try {
      DashboardSnapshot snapshot = reader.read();
      history.add(DepthSample.of(snapshot.at(), snapshot.queues()));
      clients.broadcast("snapshot", json(snapshot));
    } catch (RuntimeException e) {
      log.warn(
          "the dashboard could not take a snapshot; it tries again in {} ms: {}",
          settings.interval().toMillis(),
          e.toString());
    }
  }

  /** Between snapshots a comment every 15 s, so no proxy or idle timeout drops a quiet stream. */
  private void ping() {
    try {
      clients.ping();
    } catch (RuntimeException e) {
      log.warn("the dashboard could not ping its streams; it tries again: {}", e.toString());
    }
  }

  private void onDocumentEvent(DocumentEvent event) {
    activity.record(event);
    try {
      loop.execute(() -> clients.broadcast("document", json(event)));
    } catch (RejectedExecutionException e) {
      // closing: the streams end anyway
    }
  }

  /** The per-minute counts start from PostgreSQL, so a restart does not show an empty history. */
  private void countRecentCompletions() {
    Instant since = ctx.fleet().clock().instant().minus(settings.history());
    try {
      for (DocumentRecord document :
          ctx.store().documentQueries().completedSince(since, SEED_LIMIT)) {
        document.completedAt().ifPresent(activity::completed);
      }
    } catch (RuntimeException e) {
      log.warn(
          "the dashboard starts without the last {} of completions: {}",
          settings.history(),
          e.toString());
    }
  }

  private String json(Object value) {
    ObjectMapper mapper = ctx.bodies().mapper();
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a dashboard frame always serializes", e);
    }
  }

  /**
   * Takes and pushes a snapshot now, on the sampling thread, and returns once it is pushed: what a
   * tick does, for tests that step the clock instead of waiting for ticks.
   */
  void sampleNow() {
    try {
      loop.submit(this::tick).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a tick never throws", e.getCause());
    }
  }

  /** How many streams are open. */
  int streams() {
    return clients.size();
  }

  @Override
  public void close() {
    tap.close();
    loop.shutdownNow();
    try {
      loop.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    clients.closeAll();
  }
}
