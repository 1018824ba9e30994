package io.docfleet.tools.bench;

import io.docfleet.config.RedisSettings;
import io.docfleet.redis.RedisKeys;
import java.util.List;
import org.redisson.api.RedissonClient;

/**
 * What the runs of one benchmark share: the Redis, the workers and the tools that watch them.
 * {@code nodes} are the servers to watch: the one Redis, or each primary of a cluster.
 */
record BenchTarget(
    RedissonClient redis,
    List<RedisSettings> nodes,
    RedisKeys keys,
    String type,
    Enqueuer enqueuer,
    QueueProgress progress,
    ServerStats server,
    WorkerProcesses workers,
    AssignmentReadback readback) {}
