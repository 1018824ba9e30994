package io.docfleet.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupConcurrencyTest {

  private static ReceiverEvent in(String group, String eventId) {
    return ReceiverEvent.arrived(eventId, group, 0);
  }

  private static ReceiverEvent out(String group, String eventId) {
    return ReceiverEvent.answered(eventId, group, 0);
  }

  @Test
  void replaysArrivalsAndAnswersPerGroup() {
    List<ReceiverEvent> events =
        List.of(
            in("g1", "1"),
            in("g2", "2"),
            in("g1", "3"),
            out("g1", "1"),
            in("g1", "4"),
            in("g1", "5"),
            out("g1", "3"),
            out("g1", "4"),
            out("g2", "2"),
            out("g1", "5"));

    GroupConcurrency seen = GroupConcurrency.of(events);

    assertThat(seen.mostInProgress()).isEqualTo(Map.of("g1", 3, "g2", 1));
    assertThat(seen.most()).isEqualTo(3);
    assertThat(seen.delivered()).isEqualTo(5);
    assertThat(seen.duplicates()).isZero();
  }

  @Test
  void countsAnEventThatArrivedTwiceOnce() {
    List<ReceiverEvent> events =
        List.of(in("g1", "1"), out("g1", "1"), in("g1", "1"), out("g1", "1"));

    GroupConcurrency seen = GroupConcurrency.of(events);

    assertThat(seen.delivered()).isEqualTo(1);
    assertThat(seen.duplicates()).isEqualTo(1);
    assertThat(seen.most()).isEqualTo(1);
  }

  @Test
  void ignoresMarks() {
    GroupConcurrency seen = GroupConcurrency.of(List.of(ReceiverEvent.mark(0)));

    assertThat(seen.mostInProgress()).isEmpty();
    assertThat(seen.most()).isZero();
    assertThat(seen.delivered()).isZero();
  }
}
