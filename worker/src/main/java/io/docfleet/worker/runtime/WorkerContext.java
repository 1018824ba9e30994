package io.docfleet.worker.runtime;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.RetryBackoff;
import io.docfleet.redis.FleetContext;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.metrics.TaskDurations;
import java.util.concurrent.Executor;

/**
 * What the parts of one worker share. {@code batchKickoff} starts the first call of a {@link
 * GroupCommit} that was idle; {@code durations} times every handler run.
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
    TaskDurations durations) {}
