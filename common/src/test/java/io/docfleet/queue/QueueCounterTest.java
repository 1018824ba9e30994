package io.docfleet.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The queue's counters and task statuses have one name each, the enum's, in every Lua script too: a
 * field a script increments by a literal name, or a status it writes or compares, must be one the
 * enums know.
 */
class QueueCounterTest {
  private static final Pattern LITERAL_COUNTER =
      Pattern.compile("HINCRBY'\\s*,\\s*KEYS\\[\\d+]\\s*,\\s*'([^']+)'");

  /** A status a script compares a record's with, or writes into a record's JSON. */
  private static final Pattern LITERAL_STATUS =
      Pattern.compile("status [=~]= '([^']+)'|\"status\":\"([a-z_]+)\"");

  @Test
  void everyCounterAScriptIncrementsByNameIsAQueueCounter() throws Exception {
    List<String> named = literals(LITERAL_COUNTER);

    assertThat(named).as("counters named in the scripts").isNotEmpty();
    assertThat(named)
        .allSatisfy(field -> assertThat(QueueCounter.fromWire(field)).as(field).isPresent());
  }

  @Test
  void everyStatusAScriptWritesOrComparesIsATaskStatus() throws Exception {
    List<String> named = literals(LITERAL_STATUS);

    assertThat(named).as("statuses named in the scripts").contains("running", "completed");
    assertThat(named)
        .allSatisfy(status -> assertThat(TaskStatus.fromWire(status).wireName()).isEqualTo(status));
  }

  @Test
  void wireNamesAndLegacyNamesAreAllDistinct() {
    Set<String> names = new HashSet<>();
    for (QueueCounter counter : QueueCounter.values()) {
      assertThat(names.add(counter.wireName())).as(counter.wireName()).isTrue();
      counter.legacyName().ifPresent(legacy -> assertThat(names.add(legacy)).as(legacy).isTrue());
    }
  }

  @Test
  void aFieldUnderItsLegacyNameAddsToTheRenamedCounter() {
    QueueCounters counters =
        QueueCounters.fromHash(
            Map.of(
                "returned", "2",
                "recovered", "3",
                "requeued_on_shutdown", "4",
                "dead", "5",
                "dead_lettered", "1",
                "duplicates_suppressed", "6",
                "stale_completions", "7",
                "completed", "8",
                "not_a_counter", "9"));

    assertThat(counters.get(QueueCounter.RETURNED)).isEqualTo(5);
    assertThat(counters.get(QueueCounter.RETURNED_ON_SHUTDOWN)).isEqualTo(4);
    assertThat(counters.get(QueueCounter.DEAD_LETTERED)).isEqualTo(6);
    assertThat(counters.get(QueueCounter.DUPLICATES)).isEqualTo(6);
    assertThat(counters.get(QueueCounter.STALE)).isEqualTo(7);
    assertThat(counters.get(QueueCounter.COMPLETED)).isEqualTo(8);
    assertThat(counters.get(QueueCounter.FAILED)).isZero();
    assertThat(counters.byWireName()).doesNotContainKeys("not_a_counter", "recovered");
    assertThat(counters.published())
        .containsEntry("returned", 5L)
        .containsEntry("recovered", 5L)
        .containsEntry("dead_lettered", 6L)
        .containsEntry("dead", 6L)
        .containsEntry("completed", 8L)
        .doesNotContainKeys("not_a_counter", "failed");
  }

  /** The scripts' sources (the build's copies may keep a script that was renamed since). */
  private static final Path SCRIPTS = Path.of("src/main/resources/io/docfleet/lua");

  private static List<String> literals(Pattern pattern) throws IOException {
    Path scripts = SCRIPTS;
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(scripts)) {
      for (Path script : files.filter(p -> p.toString().endsWith(".lua")).toList()) {
        Matcher matcher = pattern.matcher(Files.readString(script));
        while (matcher.find()) {
          for (int group = 1; group <= matcher.groupCount(); group++) {
            if (matcher.group(group) != null) {
              found.add(matcher.group(group));
            }
          }
        }
      }
    }
    return found;
  }
}
