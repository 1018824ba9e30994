package io.docfleet.worker.runtime;

import io.docfleet.worker.heartbeat.Heartbeat;
import io.docfleet.worker.queue.Claimed;
import io.docfleet.worker.queue.ClaimedItem;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims tasks of one type for as long as the worker runs. While tasks are ready it claims as many
 * as it has free slots and begins their runs in one atomic step ({@link WorkerQueue#claim}, which
 * shares them out between the priority lanes); when none is ready it blocks on BLMOVE on every open
 * lane at once ({@link LaneWait}), so an idle worker costs Redis one blocked connection a lane and
 * a new task starts at once, whichever lane it is in. It claims nothing while the type is paused
 * (nor from a paused lane) or while the worker's heartbeat is failing. Items the claim dropped as
 * duplicates take no slot.
 *
 * <p>Two bounds hold: at most {@code concurrency} handlers run at once (a slot is taken at the
 * claim and released when the handler has ended), and at most {@code concurrency} + {@link
 * EndRun#MAX_BATCH} runs are claimed and not yet ended (their ends, written in groups, are on the
 * way to Redis). A slot is therefore free again while its run's end is still being written, so the
 * next claim overlaps the last completions instead of waiting a round trip for them: at concurrency
 * 50 that took a worker from about 25,000 to about 45,000 {@code noop} tasks/s (docs/sizing.md).
 *
 * <p>Lifecycle: {@link #start} starts the thread; {@link #stopClaiming} ends it; {@link #awaitIdle}
 * waits for the tasks it started.
 */
final class ClaimLoop {
  private static final Logger log = LoggerFactory.getLogger(ClaimLoop.class);
  private static final Duration BLOCK = Duration.ofSeconds(1);
  private static final Duration IDLE_PAUSE = Duration.ofMillis(500);

  private final WorkerQueue queue;
  private final RunClaimedTask runner;
  private final Heartbeat heartbeat;
  private final WorkerStats stats;
  private final int concurrency;
  private final Semaphore slots;
  private final int unendedMost;
  private final Semaphore unended;
  private final LaneWait laneWait;
  private volatile boolean running;
  private Thread thread;

  ClaimLoop(
      WorkerQueue queue,
      RunClaimedTask runner,
      Heartbeat heartbeat,
      WorkerStats stats,
      int concurrency) {
    this.queue = queue;
    this.runner = runner;
    this.heartbeat = heartbeat;
    this.stats = stats;
    this.concurrency = concurrency;
    this.slots = new Semaphore(concurrency);
    this.unendedMost = concurrency + EndRun.MAX_BATCH;
    this.unended = new Semaphore(unendedMost);
    this.laneWait = new LaneWait(queue, BLOCK);
  }

  synchronized void start() {
    running = true;
    thread = new Thread(this::loop, "claim-" + queue.type());
    thread.start();
  }

  /**
   * Stops claiming; returns once the loop's thread has ended and no BLMOVE of its lane wait is
   * outstanding, so nothing moves into the in-flight list after the drain returned it.
   */
  void stopClaiming() throws InterruptedException {
    running = false;
    Thread loopThread = thread;
    if (loopThread != null) {
      loopThread.join(BLOCK.multipliedBy(5).toMillis());
    }
    laneWait.awaitQuiet(BLOCK.multipliedBy(2));
  }

  /** Waits until every task this loop started has ended; false when the timeout came first. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    if (unended.tryAcquire(unendedMost, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      unended.release(unendedMost);
      return true;
    }
    return false;
  }

  private void loop() {
    boolean failing = false;
    while (running) {
      try {
        claimOnce();
        if (failing) {
          log.info("claiming {} works again", queue.type());
          failing = false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!failing) {
          log.warn(
              "claiming {} failed ({}); trying again every {} ms",
              queue.type(),
              e,
              IDLE_PAUSE.toMillis());
          failing = true;
        }
        sleep(IDLE_PAUSE);
      }
    }
  }

  private void claimOnce() throws InterruptedException {
    if (!heartbeat.isHealthy()) {
      sleep(IDLE_PAUSE);
      return;
    }
    if (!slots.tryAcquire(BLOCK.toMillis(), TimeUnit.MILLISECONDS)) {
      return;
    }
    if (!unended.tryAcquire(BLOCK.toMillis(), TimeUnit.MILLISECONDS)) {
      slots.release();
      return;
    }
    int free = drainUpTo(slots, concurrency - 1);
    int held = 1 + drainUpTo(unended, free);
    slots.release(free + 1 - held);
    List<ClaimedItem> items;
    try {
      Optional<String> arrived = laneWait.nextArrival();
      Claimed claimed =
          (arrived.isPresent() ? queue.begin(arrived.get(), held - 1) : queue.claim(held))
              .toCompletableFuture()
              .join();
      items = claimed.items();
      if (items.isEmpty() && claimed.paused()) {
        sleep(IDLE_PAUSE);
      } else if (items.isEmpty()) {
        items = laneWait.await(claimed.pausedLanes(), held);
      }
    } catch (RuntimeException e) {
      releaseUnused(held);
      throw e;
    }
    releaseUnused(held - runs(items));
    dispatchAll(items);
  }

  private static int runs(List<ClaimedItem> items) {
    int runs = 0;
    for (ClaimedItem item : items) {
      runs += item.begun().duplicate() ? 0 : 1;
    }
    return runs;
  }

  private void dispatchAll(List<ClaimedItem> items) {
    DeferredSends.during(() -> items.forEach(this::dispatch));
  }

  private void dispatch(ClaimedItem item) {
    if (item.begun().duplicate()) {
      runner.dropped(item);
      return;
    }
    stats.inFlight.incrementAndGet();
    AtomicBoolean slotHeld = new AtomicBoolean(true);
    Runnable handled =
        () -> {
          if (slotHeld.compareAndSet(true, false)) {
            slots.release();
          }
        };
    try {
      runner
          .run(item, handled)
          .whenComplete(
              (ignored, error) -> {
                if (error != null) {
                  log.warn(
                      "a task of {} stopped before it ended: {}; it stays in flight"
                          + " until this worker's orphan sweep returns it, or it drains,"
                          + " or is reaped",
                      queue.type(),
                      error.toString());
                }
                stats.inFlight.decrementAndGet();
                handled.run();
                unended.release();
              });
    } catch (RuntimeException e) {
      stats.inFlight.decrementAndGet();
      handled.run();
      unended.release();
      log.warn("could not start a task of {}: {}", queue.type(), e.toString());
    }
  }

  /** Releases the slots and run permits held for claimed places that no run took. */
  private void releaseUnused(int places) {
    slots.release(places);
    unended.release(places);
  }

  private static int drainUpTo(Semaphore permits, int max) {
    int taken = 0;
    while (taken < max && permits.tryAcquire()) {
      taken++;
    }
    return taken;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
