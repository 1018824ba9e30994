package io.docfleet.worker.runtime;

import io.docfleet.worker.queue.WorkerQueue;
import io.docfleet.worker.queue.WorkerQueue.ReturnReason;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At the end of a drain, returns what is still in this worker's in-flight lists to the head of
 * their queues and deletes their run locks, one script call per type; what fails here is left for
 * the reaper.
 */
final class UnfinishedTasks {
  private static final Logger log = LoggerFactory.getLogger(UnfinishedTasks.class);

  void returnAll(List<WorkerQueue> queues) {
    for (WorkerQueue queue : queues) {
      try {
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
