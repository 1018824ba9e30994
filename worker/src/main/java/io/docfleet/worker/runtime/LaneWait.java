package io.docfleet.worker.runtime;

import io.docfleet.task.Priority;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An idle claim loop's wait for work on every open lane at once: one BLMOVE per lane, each into the
 * worker's in-flight list (a moved item is never only in memory). The first item that arrives is
 * begun with as many other ready items as the loop's places allow, in one claim, and handed back to
 * the loop. The other BLMOVEs return within the block timeout: what they moved is begun too and
 * handed to {@code late}, each in one of the places kept for them (one per other lane, as far as
 * the loop holds places); an item that finds no place left (a worker with fewer free slots than
 * lanes) goes back to the head of its lane at once, uncounted. The places kept and not taken are
 * released once every BLMOVE has returned.
 */
final class LaneWait {
  private static final Logger log = LoggerFactory.getLogger(LaneWait.class);

  /** What the wait began for the loop, and how many of its places it kept for later BLMOVEs. */
  record Result(List<ClaimedItem> items, int handedOff) {}

  private final WorkerQueue queue;
  private final Duration block;
  private final IntConsumer release;
  private final Consumer<List<ClaimedItem>> late;

  /**
   * {@code release} releases places no run took; {@code late} takes the items begun for a BLMOVE
   * that returned after the first (each holding one place).
   */
  LaneWait(
      WorkerQueue queue, Duration block, IntConsumer release, Consumer<List<ClaimedItem>> late) {
    this.queue = queue;
    this.block = block;
    this.release = release;
    this.late = late;
  }

  /**
   * Waits with {@code held} places (at least 1) on the lanes not in {@code paused}. When it fails
   * it has released every place it held itself.
   */
  Result await(Set<Priority> paused, int held) {
    List<Priority> lanes = new ArrayList<>();
    for (Priority lane : Priority.values()) {
      if (!paused.contains(lane)) {
        lanes.add(lane);
      }
    }
    int kept = Math.min(lanes.size() - 1, held - 1);
    AtomicInteger places = new AtomicInteger(kept);
    CompletableFuture<String> first = new CompletableFuture<>();
    AtomicInteger waiting = new AtomicInteger(lanes.size());
    for (Priority lane : lanes) {
      queue
          .moveFrom(lane, block)
          .whenComplete(
              (item, error) -> {
                if (error != null) {
                  log.warn(
                      "waiting for a task of {} ({} lane) failed: {}; anything it moved stays in"
                          + " flight for the orphan sweep to return",
                      queue.type(),
                      lane.wireName(),
                      error.toString());
                } else if (item != null && !first.complete(item)) {
                  if (places.getAndDecrement() > 0) {
                    beginLate(item);
                  } else {
                    places.incrementAndGet();
                    putBack(item);
                  }
                }
                if (waiting.decrementAndGet() == 0) {
                  first.complete(null);
                  release.accept(places.getAndSet(0));
                }
              });
    }
    String item = first.join();
    if (item == null) {
      return new Result(List.of(), kept);
    }
    try {
      return new Result(
          queue.begin(item, held - 1 - kept).toCompletableFuture().join().items(), kept);
    } catch (RuntimeException e) {
      release.accept(held - kept); // the item stays in flight for the orphan sweep
      throw e;
    }
  }

  private void beginLate(String item) {
    queue
        .begin(item, 0)
        .whenComplete(
            (claimed, error) -> {
              if (error != null) {
                log.warn(
                    "a task of {} that arrived while another began could not begin: {}; it"
                        + " stays in flight for the orphan sweep to return",
                    queue.type(),
                    error.toString());
              }
              if (error != null || claimed.items().isEmpty()) {
                release.accept(1);
              } else {
                late.accept(claimed.items());
              }
            });
  }

  /** An item that found no place: back to the head of its lane. */
  private void putBack(String item) {
    queue
        .putBack(item)
        .whenComplete(
            (returned, error) -> {
              if (error != null) {
                log.warn(
                    "a task of {} that found no free slot could not go back to its lane: {}; it"
                        + " stays in flight for the orphan sweep to return",
                    queue.type(),
                    error.toString());
              }
            });
  }
}
