package io.docfleet.tools.demo;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueueStats;
import java.util.List;

/**
 * How a demo run ended: whether every task settled in time, the queue's counters, what each worker
 * did, and the dead-letter list.
 */
record DemoOutcome(
    boolean settled,
    DemoTasks tasks,
    QueueStats queue,
    List<WorkerTally> workers,
    List<DeadLetter> deadLetters) {

  /**
   * One worker's share, from the {@code task:assignments} records: a task counts for the worker
   * that ran its last attempt.
   */
  record WorkerTally(String id, long pid, long completed, long dead) {

    /** One task's record: completed, dead, or neither yet. */
    static WorkerTally of(String worker, Object status) {
      return new WorkerTally(
          worker, 0, "completed".equals(status) ? 1 : 0, "dead".equals(status) ? 1 : 0);
    }

    WorkerTally plus(WorkerTally other) {
      return new WorkerTally(id, pid, completed + other.completed, dead + other.dead);
    }
  }

  DemoOutcome {
    workers = List.copyOf(workers);
    deadLetters = List.copyOf(deadLetters);
  }

  /** True when every task that should succeed completed and every failing one is dead. */
  boolean asExpected() {
    return settled
        && queue.counter("completed") == tasks.expectedCompleted()
        && queue.counter("dead") == tasks.expectedDead();
  }
}
