package io.docfleet.api.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.queues.QueueRoutes;
import io.docfleet.api.redismonitor.RedisServers;
import io.docfleet.events.DocumentEvent;
import io.docfleet.loop.PeriodicLoop;
import io.docfleet.metrics.DurationBuckets;
import io.docfleet.store.DocumentRecord;
import io.javalin.http.sse.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the live dashboards of this coordinator over server-sent events. Every {@code
 * COORDINATOR_DASHBOARD_INTERVAL} it takes a snapshot, keeps its queue depths in the in-memory
 * history and pushes it ({@code snapshot}) to every open stream; every event on {@code
 * events:documents} is counted and pushed as it comes ({@code document}). A stream that connects
 * gets the history ({@code history}) and a snapshot taken for it at once; a page gets both with one
 * request before it opens its stream ({@link #firstFrame}), so its first render has figures.
 *
 * <p>Lifecycle: {@link #start} counts the completions of the history window from PostgreSQL,
 * subscribes and starts sampling; {@link #close} unsubscribes, stops sampling and ends every
 * stream. All writes to streams happen on the one sampling thread (the loop {@code dashboard-feed},
 * with the loop {@code dashboard-ping} alongside), so each stream sees its events in order and a
 * sample that fails (Redis away) is logged, counted and retried at the next tick.
 */
public final class DashboardFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DashboardFeed.class);
  static final int SEED_LIMIT = 10_000;
  static final long PING_SECONDS = 15;

  /** The most history samples a connecting page gets (an hour of the default 5 s samples). */
  static final int SENT_SAMPLES = 720;

  private final ApiContext api;
  private final DashboardSettings settings;
  private final DepthHistory history;
  private final DocumentActivity activity;
  private final SnapshotReader reader;
  private final StreamClients clients = new StreamClients();
  private final DocumentEventTap tap;
  private final PeriodicLoop sampling;
  private final PeriodicLoop pings;

  public DashboardFeed(
      ApiContext api, QueueRoutes queues, DashboardSettings settings, RedisServers redis) {
    this.api = api;
    this.settings = settings;
    this.history = new DepthHistory(settings.samples());
    this.activity = new DocumentActivity(api.fleet().clock(), settings.minutes());
    this.reader = new SnapshotReader(api, queues, activity, redis);
    this.tap = new DocumentEventTap(api.fleet(), this::onDocumentEvent);
    this.sampling =
        PeriodicLoop.named("dashboard-feed")
            .every(settings.interval())
            .firstPassAfter(Duration.ZERO)
            .whileFailing("open dashboards show their last snapshot")
            .interruptOnClose()
            .build(this::tick);
    // Between snapshots a comment every 15 s, so no proxy or idle timeout drops a quiet stream.
    this.pings =
        sampling.alongside("dashboard-ping", Duration.ofSeconds(PING_SECONDS), clients::ping);
  }

  /** Counts the failed passes of the feed and of its pings in {@code registry}. */
  public DashboardFeed bindTo(MeterRegistry registry) {
    sampling.bindTo(registry);
    pings.bindTo(registry);
    return this;
  }

  public DashboardFeed start() {
    countRecentCompletions();
    tap.start();
    sampling.start();
    pings.start();
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
      sampling.execute(() -> welcome(client));
    } catch (RejectedExecutionException e) {
      client.close();
    }
  }

  private void welcome(SseClient client) {
    try {
      client.sendEvent("history", json(history()));
      client.sendEvent("snapshot", json(reader.read(true)));
    } catch (RuntimeException e) {
      log.warn(
          "a new dashboard stream got no first snapshot; it gets the next one: {}", e.toString());
    }
    clients.add(client);
  }

  /**
   * The history a new stream gets: interval, capacity and the samples held, oldest first, at most
   * {@link #SENT_SAMPLES} of them.
   */
  DepthSample.History history() {
    return new DepthSample.History(
        settings.interval().toMillis(),
        settings.samples(),
        DurationBuckets.SECONDS,
        history.thinned(SENT_SAMPLES));
  }

  /**
   * What a page renders first, before its stream opens: the history and a snapshot taken now with
   * both Redis's figures (on the caller's thread; it only reads).
   */
  FirstFrame firstFrame() {
    return new FirstFrame(history(), reader.read(true));
  }

  /** The answer of {@code GET /api/v1/dashboard/snapshot}. */
  record FirstFrame(DepthSample.History history, DashboardSnapshot snapshot) {}

  private void tick() {
    // Both Redis's figures only while a dashboard is open: no key count runs for nobody.
    DashboardSnapshot snapshot = reader.read(clients.size() > 0);
    history.add(DepthSample.of(snapshot));
    clients.broadcast("snapshot", json(snapshot));
  }

  private void onDocumentEvent(DocumentEvent event) {
    activity.record(event);
    try {
      sampling.execute(() -> clients.broadcast("document", json(event)));
    } catch (RejectedExecutionException e) {
      // closing: the streams end anyway
    }
  }

  /** The per-minute counts start from PostgreSQL, so a restart does not show an empty history. */
  private void countRecentCompletions() {
    Instant since = api.fleet().clock().instant().minus(settings.history());
    try {
      for (DocumentRecord document :
          api.store().documentQueries().completedSince(since, SEED_LIMIT)) {
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
    ObjectMapper mapper = api.bodies().mapper();
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
    CompletableFuture<Boolean> sampled = new CompletableFuture<>();
    sampling.execute(() -> sampled.complete(sampling.runOnce()));
    sampled.join();
  }

  /** How many streams are open. */
  int streams() {
    return clients.size();
  }

  @Override
  public void close() {
    tap.close();
    pings.close();
    sampling.close();
    clients.closeAll();
  }
}
