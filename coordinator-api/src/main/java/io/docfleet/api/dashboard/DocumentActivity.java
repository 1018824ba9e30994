package io.docfleet.api.dashboard;

import io.docfleet.events.DocumentEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * What the dashboard learns from document events, in memory: completions per minute and the most
 * recent failures, newest first. Failures are only those seen since this coordinator started; the
 * dead-letter lists in Redis are the durable record.
 */
final class DocumentActivity {
  static final int RECENT_FAILURES = 20;

  private final Clock clock;
  private final CompletionRate completions;
  private final ArrayDeque<DocumentEvent> failures = new ArrayDeque<>(RECENT_FAILURES);

  DocumentActivity(Clock clock, int minutes) {
    this.clock = clock;
    this.completions = new CompletionRate(minutes);
  }

  void record(DocumentEvent event) {
    switch (event.status()) {
      case "completed" -> completed(event.atInstant());
      case "failed" -> failed(event);
      default -> {}
    }
  }

  /** Counts a completion found elsewhere (PostgreSQL at start-up). */
  void completed(Instant at) {
    completions.record(at, clock.instant());
  }

  private synchronized void failed(DocumentEvent event) {
    if (failures.size() == RECENT_FAILURES) {
      failures.removeLast();
    }
    failures.addFirst(event);
  }

  synchronized List<DocumentEvent> recentFailures() {
    return List.copyOf(failures);
  }

  DashboardSnapshot.Throughput throughput() {
    Instant now = clock.instant();
    return new DashboardSnapshot.Throughput(
        completions.within(now, 60), completions.perMinute(now));
  }
}
