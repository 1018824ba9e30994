package io.docfleet.api.dashboard;

import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Route;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.sse.SseHandler;
import java.util.List;

/**
 * The operator console: {@code GET /} (the page), {@code GET /dashboard/{asset}} (its style and
 * scripts), {@code GET /api/v1/dashboard/snapshot} (the history and a snapshot, its first render)
 * and {@code GET /api/v1/events} (the server-sent event stream it reads then). The page and its
 * files hold no data and are open. The snapshot and the stream name failed documents, so they need
 * a token as document contents do ({@link Access#CONTENT}; a browser's {@code EventSource} cannot
 * send headers, so the stream also takes {@code ?access_token=}); at most {@code
 * COORDINATOR_MAX_STREAMS} are open at once, and one more is refused with a 503.
 */
public final class DashboardRoutes {
  public static final String EVENTS = "/api/v1/events";
  public static final String SNAPSHOT = "/api/v1/dashboard/snapshot";
  static final String EVENT_STREAM = "text/event-stream";
  static final String RETRY_AFTER_SECONDS = "30";

  /** The page may load its own files and open its own stream, and nothing else. */
  private static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final DashboardAssets assets = new DashboardAssets();
  private final DashboardFeed feed;
  private final StreamLimit limit;

  public DashboardRoutes(DashboardFeed feed, StreamLimit limit) {
    this.feed = feed;
    this.limit = limit;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/", Access.OPEN, http -> serve(http, DashboardAssets.PAGE)),
        Route.get("/dashboard/{asset}", Access.OPEN, http -> serve(http, http.pathParam("asset"))),
        Route.get(SNAPSHOT, Access.CONTENT, http -> http.json(feed.firstFrame())),
        Route.get(EVENTS, Access.CONTENT_STREAM, this::events));
  }

  private void serve(Context http, String name) {
    DashboardAssets.Asset asset =
        assets
            .find(name)
            .orElseThrow(() -> ApiException.notFound("asset", "no such dashboard file: " + name));
    http.header(Header.CACHE_CONTROL, "no-cache");
    http.header("X-Content-Type-Options", "nosniff");
    http.header("Content-Security-Policy", POLICY);
    http.contentType(asset.contentType()).result(asset.bytes());
  }

  private void events(Context http) throws Exception {
    String accept = http.header(Header.ACCEPT);
    if (accept == null || !accept.contains(EVENT_STREAM)) {
      throw new ApiException(
          406, "this is a server-sent event stream: send Accept: " + EVENT_STREAM, "Accept");
    }
    StreamLimit.Slot slot =
        limit
            .tryOpen()
            .orElseThrow(
                () -> {
                  http.header(Header.RETRY_AFTER, RETRY_AFTER_SECONDS);
                  return new ApiException(
                      503,
                      "this coordinator serves at most "
                          + limit.max()
                          + " event streams at once (COORDINATOR_MAX_STREAMS) and all are open;"
                          + " try again later",
                      "COORDINATOR_MAX_STREAMS");
                });
    try {
      new SseHandler(client -> feed.connect(client, slot)).handle(http);
    } catch (Exception | Error e) {
      slot.release();
      throw e;
    }
  }
}
