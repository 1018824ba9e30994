package io.docfleet.webhook;

import java.net.URI;
import java.util.Locale;

/**
 * The destination a callback URL counts under: its origin, {@code scheme://host[:port]} in lower
 * case, the port only when the URL names one. Never the user info, path, query or fragment, which
 * may carry a token; a URL whose origin cannot be read counts as {@link #UNREADABLE}.
 */
public final class WebhookOrigin {
  /** The destination of a URL whose scheme or host cannot be read. */
  public static final String UNREADABLE = "unreadable";

  private WebhookOrigin() {}

  /** {@code url}'s origin, or {@link #UNREADABLE}. */
  public static String of(String url) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url.strip());
    } catch (java.net.URISyntaxException e) {
      return UNREADABLE;
    }
    String scheme = uri.getScheme();
    String host = uri.getHost();
    if (scheme == null || host == null || host.isEmpty()) {
      return UNREADABLE;
    }
    String origin = scheme.toLowerCase(Locale.ROOT) + "://" + host.toLowerCase(Locale.ROOT);
    return uri.getPort() >= 0 ? origin + ":" + uri.getPort() : origin;
  }
}
