package io.docfleet.redis;

import static io.docfleet.redis.KeyParts.part;
import static io.docfleet.redis.KeyParts.tag;

/**
 * The names of the fleet's histograms, from {@link RedisKeys#metrics()}. They share the hash tag
 * {@code {metrics}}, so one flush writes them all in one {@code MULTI}.
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
}
