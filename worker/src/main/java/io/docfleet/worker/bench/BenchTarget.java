package io.docfleet.worker.bench;

import io.docfleet.config.RedisSettings;
import io.docfleet.redis.RedisKeys;
import org.redisson.api.RedissonClient;

/** What the runs of one benchmark share: the Redis, the workers and the tools that watch them. */
record BenchTarget(
    RedissonClient redis,
    RedisSettings settings,
    RedisKeys keys,
    String type,
    Enqueuer enqueuer,
    QueueProgress progress,
    ServerStats server,
    WorkerProcesses workers,
    AssignmentReadback readback) {}
