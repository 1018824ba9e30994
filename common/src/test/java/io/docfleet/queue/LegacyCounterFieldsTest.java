package io.docfleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

/**
 * A queue whose {@code {tasks:<type>}:stats} hash older workers wrote, under the counters' names of
 * the previous release, reads right: each legacy field adds to its renamed counter, next to what
 * newer workers counted under the new name.
 */
class LegacyCounterFieldsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("legacycounters");

  private final FleetContext fleet = redis.context(new SettableClock());

  private void count(String field, long by) {
    fleet.redis().getMap(fleet.keys().stats("noop"), StringCodec.INSTANCE).addAndGet(field, by);
  }

  @Test
  void aStatsHashWrittenWithTheOldFieldNamesIsReadIntoTheRenamedCounters() {
    fleet.redis().getSet(fleet.keys().queuesIndex()).add("noop");
    count("recovered", 3);
    count("returned", 1);
    count("requeued_on_shutdown", 2);
    count("dead", 4);
    count("duplicates_suppressed", 5);
    count("stale_completions", 6);
    count("stale", 1);
    count("completed", 7);

    QueueStats stats = new QueueInspector(fleet).stats("noop");

    assertThat(stats.counter(QueueCounter.RETURNED)).isEqualTo(4);
    assertThat(stats.counter(QueueCounter.RETURNED_ON_SHUTDOWN)).isEqualTo(2);
    assertThat(stats.counter(QueueCounter.DEAD_LETTERED)).isEqualTo(4);
    assertThat(stats.counter(QueueCounter.DUPLICATES)).isEqualTo(5);
    assertThat(stats.counter(QueueCounter.STALE)).isEqualTo(7);
    assertThat(stats.counter(QueueCounter.COMPLETED)).isEqualTo(7);
    assertThat(stats.counters().published())
        .containsAllEntriesOf(
            Map.of(
                "returned", 4L,
                "recovered", 4L,
                "returned_on_shutdown", 2L,
                "requeued_on_shutdown", 2L,
                "dead_lettered", 4L,
                "dead", 4L,
                "duplicates", 5L,
                "duplicates_suppressed", 5L,
                "stale", 7L,
                "stale_completions", 7L));
  }
}
