package io.docfleet.worker.bench;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

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
 * @param queuedBytes how much the servers' {@code used_memory_dataset} grew while every task of the
 *     run was queued and none claimed (prefilled runs only)
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
    OptionalLong queuedBytes) {

  double perTask(double total) {
    return total / tasks;
  }

  /** MiB of Redis memory a million queued tasks of this run take, when measured. */
  OptionalDouble queuedMibPerMillion() {
    return queuedBytes.isPresent()
        ? OptionalDouble.of(perTask(queuedBytes.getAsLong()) * 1e6 / (1 << 20))
        : OptionalDouble.empty();
  }
}
