package io.docfleet.worker.runtime;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.ReplicaAcks;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.metrics.TaskDurations;
import io.docfleet.worker.queue.RetryBackoff;

/**
 * What the parts of one worker share. {@code locks} renews the run locks its claims took; {@code
 * durations} times every handler run; {@code replicaAcks} makes a run's claim and completion wait
 * for a replica, where the Redis has one.
 */
record WorkerContext(
    FleetContext fleet,
    String workerId,
    QueueSettings queueSettings,
    HandlerRegistry handlers,
    TaskLocks locks,
    RetryBackoff backoff,
    WorkerStats stats,
    RedisRetry retry,
    TaskDurations durations,
    ReplicaAcks replicaAcks) {}
