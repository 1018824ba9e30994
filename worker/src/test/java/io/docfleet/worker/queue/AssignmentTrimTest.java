package io.docfleet.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;

/** Task records are removed once their retention after the last write ran out, and only then. */
class AssignmentTrimTest extends NoopQueueFixture {

  private void recordExpiringAt(String taskId, long at) {
    fleet
        .redis()
        .getMap(fleet.keys().runs().assignments("noop"), StringCodec.INSTANCE)
        .put(taskId, "{\"status\":\"completed\",\"attempts\":1}");
    fleet
        .redis()
        .getScoredSortedSet(fleet.keys().runs().assignmentsExpiry("noop"), StringCodec.INSTANCE)
        .add(at, taskId);
  }

  @Test
  void recordsPastTheirRetentionGoAndTheOthersStay() {
    recordExpiringAt("old", clock.millis() - 1);
    recordExpiringAt("due", clock.millis());
    recordExpiringAt("young", clock.millis() + 1);

    long removed =
        new AssignmentTrim(fleet, List.of("noop", "sleep"), Duration.ofHours(1)).trimDue();

    assertThat(removed).isEqualTo(2);
    assertThat(record("old")).isEmpty();
    assertThat(record("due")).isEmpty();
    assertThat(record("young")).containsEntry("status", "completed");
    assertThat(
            fleet.redis().getScoredSortedSet(fleet.keys().runs().assignmentsExpiry("noop")).size())
        .isOne();
  }

  @Test
  void onePassRemovesMoreThanOneBatch() {
    Map<String, String> records = new HashMap<>();
    Map<Object, Double> expiry = new HashMap<>();
    for (int i = 0; i < AssignmentTrim.BATCH + 5; i++) {
      records.put("t" + i, "{}");
      expiry.put("t" + i, (double) clock.millis() - i);
    }
    fleet
        .redis()
        .getMap(fleet.keys().runs().assignments("noop"), StringCodec.INSTANCE)
        .putAll(records);
    fleet
        .redis()
        .getScoredSortedSet(fleet.keys().runs().assignmentsExpiry("noop"), StringCodec.INSTANCE)
        .addAll(expiry);

    assertThat(new AssignmentTrim(fleet, List.of("noop"), Duration.ofHours(1)).trimDue())
        .isEqualTo(AssignmentTrim.BATCH + 5);
    assertThat(fleet.redis().getMap(fleet.keys().runs().assignments("noop")).isExists()).isFalse();
  }

  @Test
  void everyWriteOfARecordPushesItsExpiryBack() {
    submitter.submit(io.docfleet.testing.Tasks.aTask("t"));
    ClaimedItem run = claim(1).get(0);
    long started = clock.millis();
    clock.advance(Duration.ofMinutes(5));
    assertThat(complete(run)).isTrue();

    Double expires =
        fleet
            .redis()
            .getScoredSortedSet(fleet.keys().runs().assignmentsExpiry("noop"), StringCodec.INSTANCE)
            .getScore("t");

    assertThat(expires.longValue())
        .isEqualTo(clock.millis() + Duration.ofHours(24).toMillis())
        .isGreaterThan(started + Duration.ofHours(24).toMillis());
  }
}
