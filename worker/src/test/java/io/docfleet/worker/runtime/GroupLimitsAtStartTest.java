package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.queue.GroupConfig;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.queue.GroupLimits;
import io.docfleet.redis.FleetContext;
import io.docfleet.testing.TestRedis;
import io.docfleet.testing.TestRedisPrefix;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A starting worker sets on the types it serves every group's limit from QUEUE_GROUP_CONCURRENCY
 * and each group's own concurrency stored by an operator, and leaves other types alone.
 */
class GroupLimitsAtStartTest {
  @RegisterExtension static final TestRedisPrefix redis = TestRedis.prefixed("group-start");

  private FleetContext fleet;

  @BeforeEach
  void setUp() {
    fleet = redis.context(Clock.systemUTC());
  }

  @Test
  void storedGroupConcurrencyIsSetOnEveryServedType() {
    GroupConfigs configs = new GroupConfigs(fleet);
    configs.write("acme", new GroupConfig(OptionalInt.of(3), Optional.empty()));
    configs.write(
        "globex", new GroupConfig(OptionalInt.empty(), Optional.of("https://hooks.example/g")));

    new GroupLimitsAtStart(fleet, OptionalInt.of(10)).apply(List.of("noop", "ocr"));

    GroupLimits limits = new GroupLimits(fleet);
    assertThat(limits.read("noop")).isEqualTo(Map.of("*", 10, "acme", 3));
    assertThat(limits.read("ocr")).isEqualTo(Map.of("*", 10, "acme", 3));
    assertThat(limits.read("entities")).as("a type this worker does not serve").isEmpty();
  }

  @Test
  void withoutSettingsNothingChanges() {
    new GroupLimits(fleet).set("noop", "acme", OptionalInt.of(2));

    new GroupLimitsAtStart(fleet, OptionalInt.empty()).apply(List.of("noop"));

    assertThat(new GroupLimits(fleet).read("noop")).isEqualTo(Map.of("acme", 2));
  }
}
