package io.docfleet.worker.runtime;

import io.docfleet.queue.QueueCounter;
import io.docfleet.worker.heartbeat.WorkerCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this worker process has done; reported with each heartbeat and, as {@code
 * docfleet_worker_tasks_<counter>} (named after the {@link QueueCounter} each adds to), at the
 * worker's {@code /metrics}.
 */
public final class WorkerStats implements MeterBinder {
  /**
   * The name {@code docfleet_worker_tasks_polls_scheduled} had before it took its counter's name;
   * still registered for one release.
   */
  private static final String DEPRECATED_POLLS = "polls";

  final AtomicLong completed = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong inFlight = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong stale = new AtomicLong();
  final AtomicLong pollsScheduled = new AtomicLong();
  final AtomicLong returned = new AtomicLong();

  public WorkerCounters snapshot() {
    return new WorkerCounters(completed.get(), failed.get(), inFlight.get());
  }

  public long completed() {
    return completed.get();
  }

  public long failed() {
    return failed.get();
  }

  public long duplicates() {
    return duplicates.get();
  }

  /** Tasks this worker sent to the delayed set to look again later (waiting is no failure). */
  public long pollsScheduled() {
    return pollsScheduled.get();
  }

  public long stale() {
    return stale.get();
  }

  /** Orphans this worker found in its in-flight lists and returned ({@link OrphanSweep}). */
  public long returned() {
    return returned.get();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    count(registry, QueueCounter.COMPLETED, completed, "Tasks this worker completed");
    count(
        registry,
        QueueCounter.FAILED,
        failed,
        "Task runs of this worker that failed (retried or dead-lettered)");
    count(
        registry, QueueCounter.DUPLICATES, duplicates, "Duplicate queue items this worker dropped");
    count(registry, QueueCounter.STALE, stale, "Ends of this worker's runs that came too late");
    count(
        registry,
        QueueCounter.POLLS_SCHEDULED,
        pollsScheduled,
        "Tasks this worker sent to wait in the delayed set");
    count(
        registry,
        DEPRECATED_POLLS,
        pollsScheduled,
        "Deprecated, use docfleet_worker_tasks_polls_scheduled_total (removed in the next release)");
    count(
        registry,
        QueueCounter.RETURNED,
        returned,
        "Orphans (in-flight items this worker held in Redis without running them) it returned");
    Gauge.builder("docfleet.worker.tasks.in.flight", inFlight, AtomicLong::get)
        .description("Tasks this worker holds now")
        .strongReference(true)
        .register(registry);
  }

  private static void count(
      MeterRegistry registry, QueueCounter counter, AtomicLong value, String description) {
    count(registry, counter.wireName().replace('_', '.'), value, description);
  }

  private static void count(
      MeterRegistry registry, String name, AtomicLong value, String description) {
    FunctionCounter.builder("docfleet.worker.tasks." + name, value, AtomicLong::get)
        .description(description)
        .register(registry);
  }
}
