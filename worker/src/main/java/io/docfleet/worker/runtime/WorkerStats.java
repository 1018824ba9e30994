package io.docfleet.worker.runtime;

import io.docfleet.worker.heartbeat.WorkerCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this worker process has done; reported with each heartbeat and, as {@code
 * docfleet_worker_tasks_*}, at the worker's {@code /metrics}.
 */
public final class WorkerStats implements MeterBinder {
  final AtomicLong completed = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong inFlight = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong stale = new AtomicLong();
  final AtomicLong polls = new AtomicLong();
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
  public long polls() {
    return polls.get();
  }

  public long stale() {
    return stale.get();
  }

  /** In-flight items this worker found it was not running and gave back ({@link OrphanSweep}). */
  public long returned() {
    return returned.get();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    count(registry, "completed", completed, "Tasks this worker completed");
    count(registry, "failed", failed, "Task runs of this worker that failed (retried or dead)");
    count(registry, "duplicates", duplicates, "Duplicate queue items this worker dropped");
    count(registry, "stale", stale, "Completions of this worker that came too late");
    count(registry, "polls", polls, "Tasks this worker sent to wait in the delayed set");
    count(
        registry,
        "returned",
        returned,
        "In-flight items this worker held in Redis without running them, given back");
    Gauge.builder("docfleet.worker.tasks.in.flight", inFlight, AtomicLong::get)
        .description("Tasks this worker holds now")
        .strongReference(true)
        .register(registry);
  }

  private static void count(
      MeterRegistry registry, String name, AtomicLong value, String description) {
    FunctionCounter.builder("docfleet.worker.tasks." + name, value, AtomicLong::get)
        .description(description)
        .register(registry);
  }
}
