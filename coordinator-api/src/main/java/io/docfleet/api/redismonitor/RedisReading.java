package io.docfleet.api.redismonitor;

import java.util.Map;

/**
 * One look at a Redis: how long every master took to answer PING, its {@code INFO} figures, how
 * many masters it has, its connections by client name, and its keys by family.
 */
public record RedisReading(
    double pingMillis,
    RedisInfo info,
    int masters,
    Map<String, Integer> connections,
    KeyCounts keys) {

  /** A reading of nothing: what the shape of a Redis that did not answer is written from. */
  public static final RedisReading NONE =
      new RedisReading(0, RedisInfo.NONE, 0, Map.of(), KeyCounts.NONE);
}
