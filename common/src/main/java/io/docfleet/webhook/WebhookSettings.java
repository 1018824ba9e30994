package io.docfleet.webhook;

import io.docfleet.config.ConfigException;
import io.docfleet.config.Env;
import io.docfleet.config.Secret;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How completion webhooks are sent: the HMAC secret ({@code WEBHOOK_SECRET}; without it a submit
 * that names a {@code callbackUrl} is refused and a worker dead-letters deliveries), the
 * destinations allowed besides public addresses ({@code WEBHOOK_ALLOWED_HOSTS}), and how long a
 * delivery may take ({@code WEBHOOK_TIMEOUT}, default 10s).
 */
public record WebhookSettings(
    Optional<Secret> secret, AllowedHosts allowedHosts, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public WebhookSettings {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(allowedHosts, "allowedHosts");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** Reads the settings; a bad value fails naming its variable (never showing the secret). */
  public static WebhookSettings fromEnv(Env env) {
    Duration timeout = env.duration("WEBHOOK_TIMEOUT", DEFAULT_TIMEOUT);
    if (timeout.isZero()) {
      throw new ConfigException("WEBHOOK_TIMEOUT", "a duration above 0", "0");
    }
    return new WebhookSettings(
        env.get("WEBHOOK_SECRET").map(Secret::new),
        AllowedHosts.parse(
            "WEBHOOK_ALLOWED_HOSTS", env.list("WEBHOOK_ALLOWED_HOSTS", java.util.List.of())),
        timeout);
  }

  /** The destination check these settings make. */
  public DestinationCheck destinations() {
    return new DestinationCheck(allowedHosts);
  }
}
