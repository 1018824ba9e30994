package io.docfleet.worker.runtime;

import io.docfleet.redis.FleetContext;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.worker.lock.TaskLocks;
import io.docfleet.worker.queue.WorkerQueue;
import io.docfleet.worker.queue.WorkerQueue.ReturnReason;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At the end of a drain, returns what is still in this worker's in-flight lists to the head of
 * their queues, after releasing their locks; what fails here is left for the reaper.
 */
final class UnfinishedTasks {
  private static final Logger log = LoggerFactory.getLogger(UnfinishedTasks.class);

  private final FleetContext fleet;
  private final TaskLocks locks;

  UnfinishedTasks(FleetContext fleet, TaskLocks locks) {
    this.fleet = fleet;
    this.locks = locks;
  }

  void returnAll(List<WorkerQueue> queues) {
    for (WorkerQueue queue : queues) {
      try {
        for (String item : queue.inFlight()) {
          try {
            locks.forceUnlock(fleet.codec().decode(item).id()).toCompletableFuture().join();
          } catch (MalformedTaskException e) {
            // not a task, never locked
          }
        }
        long moved = queue.returnAll(ReturnReason.SHUTDOWN);
        if (moved > 0) {
          log.info(
              "{} unfinished tasks of {} were returned to the head of the queue",
              moved,
              queue.type());
        }
      } catch (RuntimeException e) {
        log.warn("could not return tasks of {} ({}); the reaper will", queue.type(), e.toString());
      }
    }
  }
}
