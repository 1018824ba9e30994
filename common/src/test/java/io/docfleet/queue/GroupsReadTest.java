package io.docfleet.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.redis.FleetContext;
import io.docfleet.spend.Budgets;
import io.docfleet.task.GroupNames;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import io.docfleet.testing.SettableClock;
import io.docfleet.testing.TestRedis;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RBatch;

/**
 * What the operators' readers and the limits see of the groups (the claims' side is the worker's
 * GroupsTest): depths per group and lane, limits, the type's ready count with owed turns, a grouped
 * task found and paged in its group's list, and the group field of the task format.
 */
class GroupsReadTest {
  private final SettableClock clock = new SettableClock();
  private String prefix;
  private FleetContext fleet;
  private TaskSubmitter submitter;
  private GroupLimits limits;

  @BeforeEach
  void setUp() {
    prefix = TestRedis.uniquePrefix("groupsread");
    fleet = TestRedis.context(prefix, clock);
    submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    limits = new GroupLimits(fleet);
  }

  @AfterEach
  void tearDown() {
    TestRedis.deleteKeys(fleet.redis(), prefix);
  }

  private static Task task(String id, String group) {
    return Task.of(id, "noop", null).withGroup(group);
  }

  @Test
  void depthsShowEachGroupsLanesRunningSetAndLimitLargestBacklogFirst() {
    limits.set("noop", GroupLimits.EVERY_GROUP, OptionalInt.of(2));
    limits.set("noop", "big", OptionalInt.of(5));
    submitter.submitAll(
        List.of(
            task("b1", "big"),
            task("b2", "big").withPriority(Priority.HIGH),
            task("b3", "big").withPriority(Priority.LOW),
            task("s1", "small")));
    fleet.redis().getSet(fleet.keys().groups().running("noop", "small")).add("s0");

    List<GroupDepth> depths = new GroupDepths(fleet).of("noop");

    assertThat(depths).extracting(GroupDepth::group).containsExactly("big", "small");
    assertThat(depths.get(0).ready()).isEqualTo(new LaneDepths(1, 1, 1));
    assertThat(depths.get(0).limit()).hasValue(5);
    assertThat(depths.get(1).running()).isOne();
    assertThat(depths.get(1).limit()).hasValue(2);
    assertThat(limits.read("noop")).containsExactlyInAnyOrderEntriesOf(Map.of("*", 2, "big", 5));
  }

  @Test
  void limitsAreCheckedAndSetOnEveryTypeAtOnce() {
    assertThatThrownBy(() -> limits.set("noop", "no:colons", OptionalInt.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(GroupNames.ACCEPTS);
    assertThatThrownBy(() -> limits.set("noop", "a", OptionalInt.of(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 or more");

    limits.setEvery(List.of("ocr", "entities"), 3);
    assertThat(limits.read("ocr")).containsEntry(GroupLimits.EVERY_GROUP, 3);
    assertThat(limits.read("entities")).containsEntry(GroupLimits.EVERY_GROUP, 3);
    limits.setEvery(List.of("ocr"), 0);
    assertThat(limits.read("ocr")).isEmpty();
  }

  @Test
  void theReadyCountIncludesTasksWhoseTurnsAreOwed() {
    limits.set("noop", "a", OptionalInt.of(1));
    submitter.submitAll(List.of(task("a1", "a"), task("a2", "a"), task("a3", "a")));
    submitter.submit(Task.of("n1", "noop", null));

    QueueStats stats = new QueueInspector(fleet).stats("noop");

    assertThat(fleet.redis().getList(fleet.keys().ready("noop")).size()).isEqualTo(2);
    assertThat(stats.ready()).isEqualTo(4);
    assertThat(stats.lanes().normal()).isEqualTo(4);
  }

  @Test
  void aGroupedTaskIsFoundPagedAndItsAgeReadInItsGroupsList() {
    Instant queued = clock.instant().minusSeconds(30);
    submitter.submit(task("g1", "acme").withEnqueuedAt(queued));
    submitter.submit(Task.of("n1", "noop", null));

    TaskLocation found = new TaskLocator(fleet).locate("noop", "g1", java.util.Optional.empty());
    assertThat(found.place()).isEqualTo(TaskLocation.Place.READY);

    ItemPage lane = new QueueItems(fleet).ready("noop", Priority.NORMAL, 0, 10);
    assertThat(lane.items())
        .extracting(QueueItem::raw)
        .anySatisfy(raw -> assertThat(GroupTurns.laneOf(raw)).hasValue(Priority.NORMAL));
    ItemPage group = new QueueItems(fleet).ready("noop", Priority.NORMAL, "acme", 0, 10);
    assertThat(group.total()).isOne();
    assertThat(group.items().get(0).raw()).contains("\"id\":\"g1\"");
    assertThat(new QueueInspector(fleet).oldestReadyEnqueuedAt("noop")).hasValue(queued);
  }

  @Test
  void purgingCountsTheGroupsTasksOnce() {
    limits.set("noop", "a", OptionalInt.of(1));
    submitter.submitAll(List.of(task("a1", "a"), task("a2", "a"), task("b1", "b")));
    submitter.submit(Task.of("n1", "noop", null));

    assertThat(new QueueRemovals(fleet, "noop").purgeReady()).isEqualTo(4);
    assertThat(new QueueInspector(fleet).stats("noop").ready()).isZero();
    assertThat(new GroupDepths(fleet).of("noop")).isEmpty();
  }

  @Test
  void anUpdateKeepsWhatAnotherWriterChangedMeanwhileAndRemovesSettingsLeftEmpty() {
    GroupConfigs configs = new GroupConfigs(fleet);
    Optional<String> hook = Optional.of("https://hooks.example.com/acme");
    AtomicInteger tries = new AtomicInteger();

    GroupConfig updated =
        configs.update(
            "acme",
            before -> {
              if (tries.incrementAndGet() == 1) {
                // another coordinator sets the webhook between this read and this write
                configs.write("acme", new GroupConfig(OptionalInt.empty(), hook));
              }
              return new GroupConfig(OptionalInt.of(3), before.callbackUrl(), before.budgets());
            });

    assertThat(tries).as("read again after the other write").hasValue(2);
    assertThat(updated).isEqualTo(new GroupConfig(OptionalInt.of(3), hook));
    assertThat(configs.read("acme")).isEqualTo(updated);
    assertThat(configs.update("acme", before -> GroupConfig.NONE)).isEqualTo(GroupConfig.NONE);
    assertThat(configs.readAll()).isEmpty();
    assertThat(configs.update("new", before -> before)).isEqualTo(GroupConfig.NONE);
    assertThat(configs.update("new", before -> updated)).isEqualTo(updated);
    assertThatThrownBy(() -> configs.update("no:colons", before -> before))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aGroupsSettingsAreStoredReadInABatchListedAndRemovedWhenEmpty() {
    GroupConfigs configs = new GroupConfigs(fleet);
    GroupConfig acme =
        new GroupConfig(
            OptionalInt.of(4),
            Optional.of("https://hooks.example.com/docfleet"),
            new Budgets(Budgets.parse("5.00"), Budgets.parse("100")));
    configs.write("acme", acme);
    configs.write("globex", new GroupConfig(OptionalInt.empty(), Optional.empty()));
    assertThatThrownBy(() -> configs.write("no:colons", acme))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(configs.read("acme")).isEqualTo(acme);
    assertThat(configs.read("globex")).isEqualTo(GroupConfig.NONE);
    assertThat(configs.read("globex").isEmpty()).isTrue();
    RBatch batch = fleet.redis().createBatch();
    Supplier<GroupConfig> read = configs.read(batch, "acme");
    batch.execute();
    assertThat(read.get()).isEqualTo(acme);
    assertThat(configs.readAll()).containsOnlyKeys("acme");

    fleet.redis().getMap(fleet.keys().groups().configs()).put("broken", "{not json");
    assertThat(configs.read("broken")).isEqualTo(GroupConfig.NONE);
    configs.write("acme", GroupConfig.NONE);
    assertThat(configs.readAll()).containsOnlyKeys("broken");
  }

  @Test
  void theTaskFormatCarriesAGroupAndRefusesOneTheKeysCannotHold() throws Exception {
    String encoded = fleet.codec().encode(task("t", "acme").withPriority(Priority.HIGH));
    assertThat(encoded)
        .startsWith(
            "{\"v\":1,\"id\":\"t\",\"type\":\"noop\",\"priority\":\"high\",\"group\":\"acme\"");
    assertThat(fleet.codec().decode(encoded).group()).isEqualTo("acme");
    assertThat(fleet.codec().decode("{\"id\":\"t\",\"type\":\"noop\"}").group()).isNull();

    for (String bad : List.of("\"a:b\"", "\"\"", "\"" + "x".repeat(65) + "\"", "7", "\"-a\"")) {
      assertThatThrownBy(
              () -> fleet.codec().decode("{\"id\":\"t\",\"type\":\"noop\",\"group\":" + bad + "}"))
          .isInstanceOf(MalformedTaskException.class)
          .hasMessageContaining("field 'group'");
    }
    assertThat(GroupNames.isValid("tenant_7.eu@west-1")).isTrue();
  }
}
