package io.docfleet.api.dashboard;

import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Route;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.sse.SseHandler;
import java.util.List;

/**
 * The live dashboard: {@code GET /} (the page), {@code GET /dashboard/{asset}} (its style and
 * scripts) and {@code GET /api/v1/events} (the server-sent event stream it reads). The page and its
 * files hold no data and are open; the stream is a read, and since a browser's {@code EventSource}
 * cannot send headers it also takes the token as {@code ?access_token=} when read auth is on.
 */
public final class DashboardRoutes {
  public static final String EVENTS = "/api/v1/events";
  static final String EVENT_STREAM = "text/event-stream";

  /** The page may load its own files and open its own stream, and nothing else. */
  private static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final DashboardAssets assets = new DashboardAssets();
  private final SseHandler stream;

  public DashboardRoutes(DashboardFeed feed) {
    this.stream = new SseHandler(feed::connect);
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/", Access.OPEN, http -> serve(http, DashboardAssets.PAGE)),
        Route.get("/dashboard/{asset}", Access.OPEN, http -> serve(http, http.pathParam("asset"))),
        Route.get(EVENTS, Access.READ_STREAM, this::events));
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
    stream.handle(http);
  }
}
