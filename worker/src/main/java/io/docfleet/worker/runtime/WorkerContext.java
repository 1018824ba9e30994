package io.docfleet.worker.runtime;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.RetryBackoff;
import io.docfleet.redis.FleetContext;
import io.docfleet.worker.handler.HandlerRegistry;
import io.docfleet.worker.metrics.TaskDurations;

/** What the parts of one worker share. {@code durations} times every handler run. */
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
    TaskDurations durations) {}
