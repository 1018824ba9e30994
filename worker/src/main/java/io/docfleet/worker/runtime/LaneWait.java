package io.docfleet.worker.runtime;

import io.docfleet.task.Priority;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An idle claim loop's wait for work on every open lane at once. At most one BLMOVE per lane is
 * outstanding, each into the worker's in-flight list, so a moved item is never only in memory and
 * an idle worker holds one blocked connection a lane. What a BLMOVE moves is an arrival: the wait
 * begins the first arrival it finds with as many other ready items as the loop's places allow, in
 * one claim. A BLMOVE outlives the wait that started it (it returns within the block timeout); what
 * it moves after that waits, in flight but not begun, for the loop's next turn ({@link
 * #nextArrival}). A lane paused meanwhile keeps its outstanding BLMOVE, so at most one of its items
 * is begun after the pause.
 *
 * <p>An earlier version started a BLMOVE on every lane at each wait and kept a place for each: at
 * 5,000 tasks/s offered, where a worker waits hundreds of times a second, the BLMOVEs on empty
 * lanes piled up, held the pool's connections and the loop's places, and enqueue-to-start p99 went
 * from 3 to 370 ms.
 */
final class LaneWait {
  private static final Logger log = LoggerFactory.getLogger(LaneWait.class);

  private final WorkerQueue queue;
  private final Duration block;
  private final Set<Priority> waiting = ConcurrentHashMap.newKeySet();
  private final LinkedBlockingQueue<String> arrivals = new LinkedBlockingQueue<>();

  LaneWait(WorkerQueue queue, Duration block) {
    this.queue = queue;
    this.block = block;
  }

  /** An item a BLMOVE moved that no wait has begun yet. */
  Optional<String> nextArrival() {
    return Optional.ofNullable(arrivals.poll());
  }

  /**
   * Waits up to the block timeout for a task on the lanes not in {@code paused} and begins it with
   * up to {@code places - 1} other ready items; empty when none came.
   */
  List<ClaimedItem> await(Set<Priority> paused, int places) throws InterruptedException {
    for (Priority lane : Priority.values()) {
      if (!paused.contains(lane) && waiting.add(lane)) {
        start(lane);
      }
    }
    String item = arrivals.poll(block.toMillis(), TimeUnit.MILLISECONDS);
    if (item == null) {
      return List.of();
    }
    return queue.begin(item, places - 1).toCompletableFuture().join().items();
  }

  /** How many lanes have a BLMOVE outstanding. */
  int outstanding() {
    return waiting.size();
  }

  /**
   * Waits until no BLMOVE is outstanding (each returns within the block timeout), so a draining
   * worker returns what the last ones moved with the rest of its in-flight list.
   */
  void awaitQuiet(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (waiting) {
      while (!waiting.isEmpty() && System.nanoTime() < end) {
        waiting.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
      }
    }
  }

  private void start(Priority lane) {
    try {
      queue.moveFrom(lane, block).whenComplete((item, error) -> ended(lane, item, error));
    } catch (RuntimeException e) {
      ended(lane, null, e);
    }
  }

  private void ended(Priority lane, String item, Throwable error) {
    if (error != null) {
      log.warn(
          "waiting for a task of {} ({} lane) failed: {}; anything it moved stays in flight for"
              + " the orphan sweep to return",
          queue.type(),
          lane.wireName(),
          error.toString());
    } else if (item != null) {
      arrivals.add(item);
    }
    synchronized (waiting) {
      waiting.remove(lane);
      waiting.notifyAll();
    }
  }
}
