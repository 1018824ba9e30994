package io.docfleet.tools.bench;

import java.util.Map;
import java.util.Optional;

/**
 * What one measured run showed.
 *
 * @param offeredRate tasks/s the enqueuer was paced at, 0 when it went as fast as it could
 * @param prefilled true when every task was queued before the workers could claim any
 * @param startLatency enqueue-to-start latency; empty when the tasks waited on purpose (prefilled)
 * @param workerCpuMicros CPU time of all worker processes during the run
 * @param counters how the queue's counters moved during the run
 * @param missing tasks without a completion record after the run
 * @param retried tasks that took more than one attempt
 * @param queuedMemory what the run's tasks took in Redis while all were queued and none claimed
 *     (prefilled runs only)
 */
record RunResult(
    String run,
    int tasks,
    int offeredRate,
    boolean prefilled,
    double enqueuePerSecond,
    double processedPerSecond,
    Optional<LatencySummary> startLatency,
    ServerUsage server,
    long workerCpuMicros,
    Map<String, Long> counters,
    int missing,
    int retried,
    Optional<QueuedMemory> queuedMemory) {

  double perTask(double total) {
    return total / tasks;
  }
}
