package io.docfleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRecordTest {
  @Test
  void writesStatusAndAttemptsFirstAndTheLastErrorLastAsTheClaimScriptReadsThem() {
    assertThat(TaskRecord.completed("w1", 3, 1_000, 1_005, null).toJson())
        .isEqualTo(
            "{\"status\":\"completed\",\"attempts\":3,\"worker\":\"w1\",\"started_at\":1000,"
                + "\"completed_at\":1005}");
    assertThat(TaskRecord.ended(TaskStatus.RETRYING, "w\"2", 1, 10, 20, "bad \"input\"\n").toJson())
        .isEqualTo(
            "{\"status\":\"retrying\",\"attempts\":1,\"worker\":\"w\\\"2\",\"started_at\":10,"
                + "\"ended_at\":20,\"last_error\":\"bad \\\"input\\\"\\n\"}");
  }

  @Test
  void aRecordOfTheOlderFormBecomesOneOfTheseWithTheFieldsItKnows() {
    TaskRecord record =
        TaskRecord.fromFields(
            Map.of(
                "status", "dead",
                "attempts", "5",
                "worker", "w1",
                "started_at", "7",
                "ended_at", "9",
                "last_error", "boom",
                "unknown", "x"));

    assertThat(record).isEqualTo(TaskRecord.ended(TaskStatus.DEAD, "w1", 5, 7, 9, "boom"));
    assertThat(record.fields())
        .containsExactly(
            Map.entry("status", "dead"),
            Map.entry("attempts", "5"),
            Map.entry("worker", "w1"),
            Map.entry("started_at", "7"),
            Map.entry("ended_at", "9"),
            Map.entry("last_error", "boom"));
    assertThat(TaskRecord.fromFields(Map.of("attempts", "x")).toJson())
        .isEqualTo("{\"status\":\"running\",\"attempts\":0}");
  }
}
