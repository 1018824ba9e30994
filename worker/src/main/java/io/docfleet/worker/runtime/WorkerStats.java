package io.docfleet.worker.runtime;

import io.docfleet.coordination.WorkerCounters;
import java.util.concurrent.atomic.AtomicLong;

/** What this worker process has done; reported with each heartbeat. */
public final class WorkerStats {
  final AtomicLong completed = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong inFlight = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong stale = new AtomicLong();
  final AtomicLong polls = new AtomicLong();

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
}
