package io.docfleet.worker.queue;

import io.docfleet.queue.BeginResult;
import io.docfleet.worker.lock.TaskLocks;

/**
 * One item a claim moved into the worker's in-flight list, and how its run's begin went in the same
 * step: the item byte for byte, the task id the claim read from it (empty when it read none), the
 * begin's result, the run lock it took (only when the run {@linkplain BeginResult.Started started};
 * else null), the time the run started (epoch ms, the claim's), and the error of the task's last
 * failed attempt its record kept (null when none), which the records of this run's end keep too.
 */
public record ClaimedItem(
    String item,
    String taskId,
    BeginResult begun,
    TaskLocks.Lock lock,
    long startedAt,
    String lastError) {

  /** True when the claim took the run's lock: its end must release it. */
  public boolean locked() {
    return lock != null;
  }
}
