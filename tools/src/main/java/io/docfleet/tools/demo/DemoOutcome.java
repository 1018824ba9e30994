package io.docfleet.tools.demo;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.TaskStatus;
import java.util.List;

/**
 * How a demo run ended: whether every task finished in time, the queue's counters, what each worker
 * did, and the dead-letter list.
 */
record DemoOutcome(
    boolean finished,
    DemoTasks tasks,
    QueueStats queue,
    List<WorkerTally> workers,
    List<DeadLetter> deadLetters) {

  /**
   * One worker's share, from the task records: a task counts for the worker that ran its last
   * attempt.
   */
  record WorkerTally(String id, long pid, long completed, long dead) {

    /** One task's record: completed, dead, or neither yet. */
    static WorkerTally of(String worker, Object status) {
      return new WorkerTally(
          worker, 0, is(TaskStatus.COMPLETED, status) ? 1 : 0, is(TaskStatus.DEAD, status) ? 1 : 0);
    }

    private static boolean is(TaskStatus expected, Object status) {
      return expected.wireName().equals(status);
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
    return finished
        && queue.counter(QueueCounter.COMPLETED) == tasks.expectedCompleted()
        && queue.counter(QueueCounter.DEAD_LETTERED) == tasks.expectedDead();
  }
}
