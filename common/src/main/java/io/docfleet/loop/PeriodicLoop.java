package io.docfleet.loop;

import io.docfleet.logging.LogSafe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background loop: runs its body every interval (a fixed delay between passes) on one daemon
 * thread named for it, until closed. A pass that throws never ends the loop: it is counted in
 * {@code docfleet_loop_failures_total{loop="<name>"}} (once {@link #bindTo bound} to a registry)
 * and logged at WARN, with the exception, only when the loop turns from working to failing; the
 * pass that works again is logged at INFO. Anything thrown counts, {@link Error}s too: one escaping
 * a scheduled pass would end the schedule without a word, which is what this class is for.
 *
 * <p>Lifecycle: build with {@link #named}; {@link #start} schedules the passes; {@link #runOnce}
 * runs one now on the caller's thread (what tests step instead of waiting); {@link #close} stops
 * the schedule and lets a pass under way finish for a short while (then interrupts it). Passes
 * never overlap, whichever thread runs them.
 */
public final class PeriodicLoop implements AutoCloseable, MeterBinder {
  /** The counter of failed passes, by {@code loop}: {@code docfleet_loop_failures_total}. */
  public static final String FAILURES = "docfleet.loop.failures";

  private static final Logger log = LoggerFactory.getLogger(PeriodicLoop.class);

  private final String name;
  private final String description;
  private final Duration interval;
  private final Duration firstPass;
  private final String whileFailing;
  private final Duration closeWait;
  private final boolean interruptOnClose;
  private final Runnable body;
  private final ScheduledThreadPoolExecutor thread;
  private final boolean ownsThread;
  private volatile Thread runner;
  private final Object passes = new Object();
  private volatile Counter failures;
  private long failedInARow;
  private ScheduledFuture<?> schedule;
  private boolean closed;

  PeriodicLoop(LoopBuilder b, Runnable body, ScheduledThreadPoolExecutor thread) {
    this.name = b.name;
    this.description = b.description == null ? b.name : b.description;
    this.interval = Objects.requireNonNull(b.interval, "every(interval) of loop " + b.name);
    this.firstPass = b.firstPass == null ? interval : b.firstPass;
    this.whileFailing = b.whileFailing;
    this.closeWait = b.closeWait;
    this.interruptOnClose = b.interruptOnClose;
    this.body = Objects.requireNonNull(body);
    this.ownsThread = thread == null;
    this.thread = ownsThread ? newThread() : thread;
  }

  /** Starts describing a loop; {@code name} names its thread, its log lines and its counter. */
  public static LoopBuilder named(String name) {
    return new LoopBuilder(name);
  }

  /** Counts failed passes in {@code registry} from now on. */
  @Override
  public void bindTo(MeterRegistry registry) {
    failures =
        Counter.builder(FAILURES)
            .tag("loop", name)
            .description("Passes of a background loop that failed; the loop carries on")
            .register(registry);
  }

  /** Schedules the passes; does nothing when started already or closed. */
  public synchronized void start() {
    if (schedule == null && !closed) {
      schedule =
          thread.scheduleWithFixedDelay(
              this::runOnce, firstPass.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Runs one pass now on this thread, as a scheduled one runs; true when it did not throw. */
  public boolean runOnce() {
    return runOnce(body);
  }

  /**
   * Runs {@code pass} instead of the body, handled as a pass of this loop: for work that belongs to
   * the loop but runs only now and then (a new leader's start-up).
   */
  public boolean runOnce(Runnable pass) {
    synchronized (passes) {
      try {
        pass.run();
      } catch (Throwable e) { // see the class comment: an Error must not end the loop either
        failed(e);
        return false;
      }
      if (failedInARow > 0) {
        log.info(
            "{} works again after {} failed pass{}",
            description,
            failedInARow,
            failedInARow == 1 ? "" : "es");
        failedInARow = 0;
      }
      return true;
    }
  }

  /**
   * Runs {@code task} once on the loop's thread, between passes; one that throws is logged. Throws
   * {@link java.util.concurrent.RejectedExecutionException} once the loop is closed.
   */
  public void execute(Runnable task) {
    thread.execute(
        () -> {
          try {
            task.run();
          } catch (Throwable e) { // as a pass's: nothing ends the loop
            log.warn("a task on the thread of {} failed", name, LogSafe.exception(e));
          }
        });
  }

  /**
   * Another loop on this loop's thread, so that neither's passes overlap the other's: its first
   * pass one interval after its start. Closing this loop ends both.
   */
  public PeriodicLoop alongside(String otherName, Duration every, Runnable otherBody) {
    LoopBuilder other = named(otherName).every(every);
    return new PeriodicLoop(other, otherBody, thread);
  }

  /**
   * Stops the passes: a pass under way may finish within the close wait (unless the loop interrupts
   * on close), else is interrupted. Does nothing the second time.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (schedule != null) {
        schedule.cancel(false);
      }
    }
    if (!ownsThread) {
      return;
    }
    if (interruptOnClose) {
      thread.shutdownNow();
    } else {
      thread.shutdown();
    }
    if (Thread.currentThread() == runner) {
      return; // closed by its own pass: that pass is the one under way
    }
    try {
      if (!thread.awaitTermination(closeWait.toMillis(), TimeUnit.MILLISECONDS)) {
        thread.shutdownNow();
        log.warn(
            "{} was still in a pass {} ms after close; interrupted it", name, closeWait.toMillis());
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void failed(Throwable e) {
    Counter counter = failures;
    if (counter != null) {
      counter.increment();
    }
    failedInARow++;
    if (failedInARow == 1) {
      log.warn(
          "{} failed, trying again every {} ms{}",
          description,
          interval.toMillis(),
          whileFailing.isEmpty() ? "" : "; " + whileFailing,
          LogSafe.exception(e));
    } else {
      log.debug("{} failed again ({} in a row): {}", description, failedInARow, LogSafe.text(e));
    }
  }

  /** A daemon thread: a loop nobody closed must not keep its JVM from exiting. */
  private ScheduledThreadPoolExecutor newThread() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread created = new Thread(r, name);
              created.setDaemon(true);
              runner = created;
              return created;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
