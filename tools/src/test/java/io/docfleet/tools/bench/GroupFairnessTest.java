package io.docfleet.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupFairnessTest {
  private final List<ReceiverEvent> events = new ArrayList<>();
  private long nanos = 0;

  private GroupFairnessTest delivered(String group, String eventId) {
    events.add(ReceiverEvent.arrived(eventId, group, nanos));
    nanos += 1_000_000;
    events.add(ReceiverEvent.answered(eventId, group, nanos));
    return this;
  }

  private GroupFairnessTest marked() {
    events.add(ReceiverEvent.mark(nanos));
    return this;
  }

  private GroupFairnessTest afterMs(long ms) {
    nanos += ms * 1_000_000;
    return this;
  }

  @Test
  void countsTheEarlyGroupsAnswersBetweenTheMarkAndTheLateGroupsLast() {
    delivered("a", "a-0").delivered("a", "a-1").marked();
    delivered("a", "a-2").delivered("b", "b-0").delivered("a", "a-3").delivered("b", "b-1");
    delivered("a", "a-4").delivered("a", "a-5");

    GroupFairness seen = GroupFairness.of(events, "a", "b", 2, id -> false);

    assertThat(seen.earlyBetween()).isEqualTo(2);
    assertThat(seen.earlyAfter()).isEqualTo(2);
    assertThat(seen.lateMissing()).isZero();
    assertThat(seen.duplicates()).isZero();
  }

  @Test
  void measuresTheLateTasksFromTheMarkToTheirAnswer() {
    marked().afterMs(4).delivered("b", "b-0").afterMs(9).delivered("b", "b-1");

    GroupFairness seen = GroupFairness.of(events, "a", "b", 2, id -> false);

    assertThat(seen.lateLatency().count()).isEqualTo(2);
    assertThat(seen.lateLatency().p50()).isEqualTo(5);
    assertThat(seen.lateLatency().max()).isEqualTo(15);
  }

  @Test
  void saysWhichEarlyAnswersHadStartedBeforeTheMark() {
    marked().delivered("a", "a-0").delivered("a", "a-1").delivered("b", "b-0");

    GroupFairness seen = GroupFairness.of(events, "a", "b", 1, Set.of("a-0")::contains);

    assertThat(seen.earlyBetween()).isEqualTo(2);
    assertThat(seen.earlyBetweenStartedBefore()).isEqualTo(1);
  }

  @Test
  void reportsLateTasksNeverAnsweredAndEventsThatArrivedTwice() {
    marked().delivered("b", "b-0").delivered("a", "a-0").delivered("a", "a-0");

    GroupFairness seen = GroupFairness.of(events, "a", "b", 3, id -> false);

    assertThat(seen.lateMissing()).isEqualTo(2);
    assertThat(seen.lateLatency().count()).isEqualTo(1);
    assertThat(seen.duplicates()).isEqualTo(1);
    assertThat(seen.earlyAfter()).isEqualTo(2);
  }

  @Test
  void refusesEventsWithoutAMark() {
    delivered("b", "b-0");

    assertThatThrownBy(() -> GroupFairness.of(events, "a", "b", 1, id -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mark");
  }
}
