package io.docfleet.worker.runtime;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.RetryBackoff;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.ReplicaAcks;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.metrics.TaskDurations;
import java.util.concurrent.Executor;

/**
 * What the parts of one worker share. {@code batchKickoff} starts the first call of a {@link
 * GroupCommit} that was idle; {@code durations} times every handler run; {@code replicaAcks} makes
 * a run's begin and completion wait for a replica, where the Redis has one.
 */
record WorkerContext(
    FleetContext fleet,
    String workerId,
    QueueSettings queueSettings,
    HandlerRegistry handlers,
    GroupedLocks locks,
    AssignmentWriter assignments,
    RetryBackoff backoff,
    WorkerStats stats,
    RedisRetry retry,
    Executor batchKickoff,
    TaskDurations durations,
    ReplicaAcks replicaAcks) {}
