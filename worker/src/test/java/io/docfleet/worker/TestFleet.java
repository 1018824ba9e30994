package io.docfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.GroupDepth;
import io.docfleet.queue.GroupDepths;
import io.docfleet.queue.GroupLimits;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.QueueInspector;
import io.docfleet.queue.QueueStats;
import io.docfleet.queue.SubmitResult;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import io.docfleet.task.TaskCodec;
import io.docfleet.testing.LocalRedisCluster;
import io.docfleet.testing.LocalRedisSentinel;
import io.docfleet.testing.TestRedis;
import io.docfleet.worker.queue.WorkerQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * One test's side of a fleet: a Redis, a key prefix of its own, a submitter for {@code sleep}
 * tasks, and read-only probes of the queue, the task records and the worker registry. {@link
 * #close} deletes every key under the prefix.
 */
final class TestFleet implements AutoCloseable {
  static final String SLEEP = "sleep";

  private final Map<String, String> redisEnv;
  private final FleetContext fleet;
  private final TaskSubmitter submitter;
  private final QueueInspector inspector;
  private final TaskAssignments assignments;

  private TestFleet(Map<String, String> redisEnv, RedissonClient redis, String prefix) {
    this.redisEnv = Map.copyOf(redisEnv);
    this.fleet = new FleetContext(redis, new RedisKeys(prefix), new TaskCodec(), Clock.systemUTC());
    QueueSettings queue = QueueSettings.defaults();
    this.submitter = new TaskSubmitter(fleet, queue);
    this.inspector = new QueueInspector(fleet);
    this.assignments = new TaskAssignments(fleet);
  }

  /** A fleet on the Redis the tests share, under a fresh prefix. */
  static TestFleet onSharedRedis(String name) {
    return on(TestRedis.url(), TestRedis.client(), name);
  }

  /** A fleet on the Redis at {@code url}, reached through {@code redis}, under a fresh prefix. */
  static TestFleet on(String url, RedissonClient redis, String name) {
    return new TestFleet(Map.of("REDIS_URL", url), redis, TestRedis.uniquePrefix(name));
  }

  /** A fleet on a Redis Cluster, reached through {@code redis}, under a fresh prefix. */
  static TestFleet onCluster(LocalRedisCluster cluster, RedissonClient redis, String name) {
    return new TestFleet(cluster.env(), redis, TestRedis.uniquePrefix(name));
  }

  /** A fleet on a primary behind sentinels, reached through {@code redis}, under a fresh prefix. */
  static TestFleet onSentinel(LocalRedisSentinel sentinel, RedissonClient redis, String name) {
    return new TestFleet(sentinel.env(), redis, TestRedis.uniquePrefix(name));
  }

  /** The REDIS_* variables a worker of this fleet needs. */
  Map<String, String> redisEnv() {
    return redisEnv;
  }

  String prefix() {
    return fleet.keys().prefix();
  }

  FleetContext context() {
    return fleet;
  }

  /** Queues {@code count} sleep tasks named {@code <name>-<n>}, in that order; returns the ids. */
  List<String> submitSleepTasks(String name, int count, Duration each) {
    return submitSleepTasks(name, count, n -> each);
  }

  /** Queues sleep tasks whose {@code n}th (from 1) sleeps {@code durationOf(n)}. */
  List<String> submitSleepTasks(String name, int count, IntFunction<Duration> durationOf) {
    return submitSleepTasks(name, count, durationOf, n -> Priority.NORMAL);
  }

  /** As above, the {@code n}th in the lane {@code laneOf(n)}. */
  List<String> submitSleepTasks(
      String name, int count, IntFunction<Duration> durationOf, IntFunction<Priority> laneOf) {
    return submitSleepTasks(name, count, durationOf, laneOf, n -> null);
  }

  /** As above, the {@code n}th in the group {@code groupOf(n)} (null: in none). */
  List<String> submitSleepTasks(
      String name,
      int count,
      IntFunction<Duration> durationOf,
      IntFunction<Priority> laneOf,
      IntFunction<String> groupOf) {
    List<Task> tasks = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      String id = String.format("%s-%04d", name, n);
      long ms = durationOf.apply(n).toMillis();
      tasks.add(
          Task.of(id, SLEEP, fleet.codec().mapper().createObjectNode().put("ms", ms))
              .withPriority(laneOf.apply(n))
              .withGroup(groupOf.apply(n)));
    }
    List<SubmitResult> results = submitter.submitAll(tasks);
    assertThat(results).as("submitted tasks").allMatch(SubmitResult::queued);
    return results.stream().map(SubmitResult::taskId).toList();
  }

  /** The ready sleep tasks of one lane. */
  int laneSize(Priority lane) {
    return fleet.redis().getList(fleet.keys().runs().lane(SLEEP, lane)).size();
  }

  /**
   * The sleep queue's groups that still have tasks ready or in flight, or a lane that owes turns
   * (include/groups.lua): none once everything ended and the groups' accounts are right.
   */
  List<String> groupsNotIdle() {
    List<String> busy = new ArrayList<>();
    for (GroupDepth group : new GroupDepths(fleet).of(SLEEP)) {
      busy.add(group.group() + " ready=" + group.ready().total() + " running=" + group.running());
    }
    fleet
        .redis()
        .<String, String>getMap(fleet.keys().groups().owed(SLEEP), StringCodec.INSTANCE)
        .readAllMap()
        .forEach(
            (lane, owed) -> {
              if (!owed.equals("0")) {
                busy.add("owed " + lane + "=" + owed);
              }
            });
    return busy;
  }

  /** Limits the group's sleep tasks in flight at once across the fleet. */
  void limitGroup(String group, int most) {
    new GroupLimits(fleet).set(SLEEP, group, java.util.OptionalInt.of(most));
  }

  QueueStats sleepQueue() {
    return inspector.stats(SLEEP);
  }

  long counter(QueueCounter counter) {
    return sleepQueue().counter(counter);
  }

  /** True when everything submitted has ended: nothing ready, delayed or in flight. */
  boolean sleepQueueIsEmpty() {
    QueueStats stats = sleepQueue();
    return stats.ready() == 0 && stats.delayed() == 0 && stats.inFlight() == 0;
  }

  /** The ids of the ready sleep tasks, the next to be claimed first. */
  List<String> readyTaskIds() {
    List<String> items = fleet.redis().<String>getList(fleet.keys().ready(SLEEP)).readAll();
    List<String> ids = new ArrayList<>();
    for (int i = items.size() - 1; i >= 0; i--) {
      ids.add(taskId(items.get(i)));
    }
    return ids;
  }

  /** Takes the next ready sleep item off the ready list, as a claim of the older version did. */
  String readyItem() {
    return fleet.redis().<String>getDeque(fleet.keys().ready(SLEEP)).pollLast();
  }

  /** The ids of the sleep tasks in a worker's in-flight list. */
  List<String> inFlightTaskIds(String workerId) {
    return new WorkerQueue(fleet, SLEEP, workerId).inFlight().stream().map(this::taskId).toList();
  }

  /** Each task's assignment status, by task id (missing when there is no record). */
  Map<String, String> assignmentStatuses(List<String> taskIds) {
    Map<String, String> statuses = new TreeMap<>();
    for (String id : taskIds) {
      statuses.put(id, assignments.read(SLEEP, id).getOrDefault("status", "missing"));
    }
    return statuses;
  }

  /** The tasks a worker said it runs in its last heartbeat; 0 when it is not registered. */
  long reportedInFlight(String workerId) {
    Object inFlight = fleet.redis().getMap(fleet.keys().worker(workerId)).get("in_flight");
    return inFlight == null ? 0 : Long.parseLong(inFlight.toString());
  }

  /** True while {@code workers:<id>} exists, which the worker's heartbeat keeps alive. */
  boolean isRegistered(String workerId) {
    return fleet.redis().getMap(fleet.keys().worker(workerId)).isExists();
  }

  /** True while the id is in {@code workers:index}, where the reaper looks for dead workers. */
  boolean isIndexed(String workerId) {
    return fleet.redis().<String>getSet(fleet.keys().workersIndex()).contains(workerId);
  }

  @Override
  public void close() {
    TestRedis.deleteKeys(fleet.redis(), prefix());
  }

  private String taskId(String item) {
    try {
      return fleet.codec().decode(item).id();
    } catch (MalformedTaskException e) {
      return "(not a task: " + item + ")";
    }
  }
}
