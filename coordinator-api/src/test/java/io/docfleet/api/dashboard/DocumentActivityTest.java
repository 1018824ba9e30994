package io.docfleet.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.events.DocumentEvent;
import io.docfleet.testing.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DocumentActivityTest {
  private final SettableClock clock = new SettableClock();
  private final DocumentActivity activity = new DocumentActivity(clock, 5);

  private DocumentEvent event(String id, String status, String error) {
    return new DocumentEvent(id, status, "ocr", 100, error, clock.millis());
  }

  @Test
  void completedEventsCountAsDocumentsPerMinuteAndAgeOut() {
    activity.record(event("d1", "completed", null));
    activity.record(event("d2", "completed", null));
    activity.record(event("d3", "processing", null));

    assertThat(activity.throughput().lastMinute()).isEqualTo(2);
    assertThat(activity.throughput().perMinute()).containsExactly(0L, 0L, 0L, 0L, 2L);

    clock.advance(Duration.ofSeconds(61));
    assertThat(activity.throughput().lastMinute()).isZero();
    assertThat(activity.throughput().perMinute()).containsExactly(0L, 0L, 0L, 2L, 0L);
  }

  @Test
  void keepsTheNewestFailuresFirstAndAtMostTwenty() {
    for (int i = 0; i < DocumentActivity.RECENT_FAILURES + 5; i++) {
      activity.record(event("d" + i, "failed", "boom " + i));
    }
    activity.record(event("ok", "completed", null));

    assertThat(activity.recentFailures()).hasSize(DocumentActivity.RECENT_FAILURES);
    assertThat(activity.recentFailures().get(0).documentId()).isEqualTo("d24");
    assertThat(activity.recentFailures().get(0).error()).isEqualTo("boom 24");
    assertThat(activity.recentFailures())
        .extracting(DocumentEvent::documentId)
        .doesNotContain("d4", "ok");
  }
}
