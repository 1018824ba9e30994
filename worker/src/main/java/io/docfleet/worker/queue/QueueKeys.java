package io.docfleet.worker.queue;

import io.docfleet.redis.RedisKeys;

/**
 * The names one worker's steps on one type's queue use, worked out once from {@link RedisKeys}
 * (every one in the queue's hash slot): the scripts are sent thousands of times a second.
 */
record QueueKeys(
    String ready,
    String inFlight,
    String paused,
    String delayed,
    String dead,
    String stats,
    String assignments,
    String expiry,
    String lockPrefix,
    String channelPrefix) {

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
        keys.runs().lockChannelPrefix(type));
  }
}
