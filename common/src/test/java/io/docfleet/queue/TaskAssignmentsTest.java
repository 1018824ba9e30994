package io.docfleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.redis.FleetContext;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.client.codec.StringCodec;

/** Reading task records from their queues' hashes, by type and id or by id alone. */
class TaskAssignmentsTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("assignments");

  private FleetContext fleet;
  private TaskAssignments assignments;

  @BeforeEach
  void setUp() {
    fleet = redis.context(new SettableClock());
    assignments = new TaskAssignments(fleet);
  }

  private void store(String type, String taskId, TaskRecord record) {
    fleet
        .redis()
        .getMap(fleet.keys().runs().assignments(type), StringCodec.INSTANCE)
        .put(taskId, record.toJson());
    fleet.redis().getSet(fleet.keys().queuesIndex()).add(type);
  }

  @Test
  void aRecordIsFoundByItsTypeAndIdOrByItsIdAlone() {
    store("noop", "t1", TaskRecord.completed("w1", 2, 1_000, 1_005, null));
    store("sleep", "t2", TaskRecord.ended(TaskStatus.DEAD, "w2", 5, 10, 20, "boom"));

    assertThat(assignments.read("noop", "t1"))
        .containsExactly(
            Map.entry("status", "completed"),
            Map.entry("attempts", "2"),
            Map.entry("worker", "w1"),
            Map.entry("started_at", "1000"),
            Map.entry("completed_at", "1005"));
    assertThat(assignments.read("t2"))
        .containsEntry("status", "dead")
        .containsEntry("ended_at", "20")
        .containsEntry("last_error", "boom");
    assertThat(assignments.read("sleep", "t1")).as("another queue's task").isEmpty();
    assertThat(assignments.read("nobody")).isEmpty();
  }

  @Test
  void aRecordOfTheOlderFormIsReadWhereTheQueueHasNone() {
    fleet
        .redis()
        .getMap(fleet.keys().legacy().assignment("old"), StringCodec.INSTANCE)
        .putAll(Map.of("status", "completed", "worker", "w0"));
    store("noop", "new", TaskRecord.completed("w1", 1, 1, 2, null));

    assertThat(assignments.read("old")).containsEntry("status", "completed");
    assertThat(assignments.read("noop", "old")).containsEntry("worker", "w0");
    assertThat(assignments.read("new")).containsEntry("worker", "w1");
  }

  @Test
  void manyRecordsOfOneTypeComeBackInTheOrderAsked() {
    store("noop", "a", TaskRecord.completed("w1", 1, 1, 2, null));
    store("noop", "c", TaskRecord.ended(TaskStatus.RETRYING, "w1", 1, 1, 2, "x"));

    List<Map<String, String>> read = assignments.readAll("noop", List.of("c", "b", "a"));

    assertThat(read)
        .extracting(r -> r.get("status"))
        .containsExactly("retrying", null, "completed");
  }

  @Test
  void aValueThatIsNoRecordReadsEmpty() {
    fleet
        .redis()
        .getMap(fleet.keys().runs().assignments("noop"), StringCodec.INSTANCE)
        .put("x", "{oops");
    assertThat(assignments.read("noop", "x")).isEmpty();
    assertThat(assignments.parse("[1]")).isEmpty();
    assertThat(assignments.parse("{\"status\":\"running\",\"more\":{\"a\":1}}"))
        .containsEntry("more", "{\"a\":1}");
  }
}
