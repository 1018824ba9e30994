package io.docfleet.worker.runtime;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.coordination.TaskLocks;
import io.docfleet.queue.RetryBackoff;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.redis.FleetContext;
import io.docfleet.worker.handler.HandlerRegistry;

/** What the parts of one worker share. */
record WorkerContext(
    FleetContext fleet,
    String workerId,
    QueueSettings queueSettings,
    HandlerRegistry handlers,
    TaskLocks locks,
    TaskAssignments assignments,
    RetryBackoff backoff,
    WorkerStats stats,
    RedisRetry retry) {}
