package io.docfleet.worker.queue;

import io.docfleet.redis.RedisKeys;
import io.docfleet.task.Priority;

/**
 * The names one worker's steps on one type's queue use, worked out once from {@link RedisKeys}
 * (every one in the queue's hash slot): the scripts are sent thousands of times a second.
 */
record QueueKeys(
    String ready, // the normal lane
    String inFlight,
    String paused,
    String delayed,
    String dead,
    String stats,
    String assignments,
    String expiry,
    String lockPrefix,
    String channelPrefix,
    String high,
    String low,
    String laneTurns,
    String pausedHigh,
    String pausedNormal,
    String pausedLow) {

  static QueueKeys of(RedisKeys keys, String type, String workerId) {
    return new QueueKeys(
        keys.ready(type),
        keys.inFlight(type, workerId),
        keys.paused(type),
        keys.delayed(type),
        keys.dead(type),
        keys.stats(type),
        keys.runs().assignments(type),
        keys.runs().assignmentsExpiry(type),
        keys.runs().lockPrefix(type),
        keys.runs().lockChannelPrefix(type),
        keys.runs().lane(type, Priority.HIGH),
        keys.runs().lane(type, Priority.LOW),
        keys.runs().laneTurns(type),
        keys.runs().lanePaused(type, Priority.HIGH),
        keys.runs().lanePaused(type, Priority.NORMAL),
        keys.runs().lanePaused(type, Priority.LOW));
  }

  /** The ready list of {@code lane}. */
  String lane(Priority lane) {
    return switch (lane) {
      case HIGH -> high;
      case NORMAL -> ready;
      case LOW -> low;
    };
  }
}
