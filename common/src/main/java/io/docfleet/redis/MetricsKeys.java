package io.docfleet.redis;

import static io.docfleet.redis.KeyParts.part;
import static io.docfleet.redis.KeyParts.tag;

/**
 * The names of the fleet's metrics in Redis, from {@link RedisKeys#metrics()}: its histograms and
 * its webhook deliveries per destination. They share the hash tag {@code {metrics}}, so one flush
 * writes every histogram in one {@code MULTI}, and one script counts a webhook attempt and keeps
 * the destinations' index.
 */
public final class MetricsKeys {
  private final String tag;

  MetricsKeys(String prefix) {
    this.tag = tag(prefix + "metrics");
  }

  /**
   * {@code {metrics}:task_duration:<type>}: the fleet's histogram of one task type's run times
   * (every worker adds what it measured since its last flush).
   */
  public String taskDuration(String type) {
    return tag + ":task_duration:" + part(type);
  }

  /**
   * {@code {metrics}:provider_call:<provider>:<operation>}: the fleet's histogram of one provider
   * operation's call latency, with its error count.
   */
  public String providerCall(String provider, String operation) {
    return tag + ":provider_call:" + part(provider) + ":" + part(operation);
  }

  /** {@code {metrics}:index}: the names of every fleet histogram written so far. */
  public String index() {
    return tag + ":index";
  }

  /**
   * {@code {metrics}:webhook_destinations}: sorted set of the webhook destinations seen (each one's
   * segment, the end of its {@link #webhookDestination} name), scored by its last attempt (ms).
   */
  public String webhookDestinations() {
    return tag + ":webhook_destinations";
  }

  /**
   * {@code {metrics}:webhook_destination:<origin>}: one webhook destination's delivery counters
   * ({@code scheme://host[:port]} of its callback URLs, never a path or query).
   */
  public String webhookDestination(String origin) {
    return webhookDestinationPrefix() + part(origin);
  }

  /** {@code {metrics}:webhook_destination:}: a destination's name before its origin. */
  public String webhookDestinationPrefix() {
    return tag + ":webhook_destination:";
  }
}
