package io.docfleet.api.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's files (page, style, scripts), served from this jar's resources: nothing comes from
 * a CDN. Only the files named here are served; each is read once.
 */
final class DashboardAssets {
  static final String FOLDER = "/io/docfleet/api/dashboard/";
  static final String PAGE = "index.html";

  private static final Map<String, String> TYPES =
      Map.of(
          PAGE,
          "text/html; charset=utf-8",
          "dashboard.css",
          "text/css; charset=utf-8",
          "console.js",
          "text/javascript; charset=utf-8",
          "pages.js",
          "text/javascript; charset=utf-8",
          "dashboard.js",
          "text/javascript; charset=utf-8",
          "charts.js",
          "text/javascript; charset=utf-8",
          "webhooks.js",
          "text/javascript; charset=utf-8",
          "spend.js",
          "text/javascript; charset=utf-8");

  /** One file: its bytes and media type. */
  record Asset(byte[] bytes, String contentType) {}

  private final Map<String, Asset> assets;

  DashboardAssets() {
    Map<String, Asset> loaded = new HashMap<>();
    TYPES.forEach((name, type) -> loaded.put(name, new Asset(read(name), type)));
    this.assets = Map.copyOf(loaded);
  }

  /** The file of that name, when it is one of the dashboard's. */
  Optional<Asset> find(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  private static byte[] read(String name) {
    try (InputStream in = DashboardAssets.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + FOLDER + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
