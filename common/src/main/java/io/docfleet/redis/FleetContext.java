package io.docfleet.redis;

import io.docfleet.task.TaskCodec;
import java.time.Clock;
import org.redisson.api.RedissonClient;

/** The collaborators every fleet component shares: Redis, its key names, the task codec, time. */
public record FleetContext(RedissonClient redis, RedisKeys keys, TaskCodec codec, Clock clock) {}
