package io.docfleet.tools.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.queue.GroupLimits;
import io.docfleet.queue.QueueCounter;
import io.docfleet.queue.TaskAssignments;
import io.docfleet.queue.TaskSubmitter;
import io.docfleet.redis.FleetContext;
import io.docfleet.task.Task;
import io.docfleet.webhook.WebhookTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.redisson.api.RBucket;
import org.redisson.client.codec.StringCodec;

/**
 * The groups' runs, with {@code webhook} tasks to a {@link HookReceiver} of the benchmark's own, so
 * that order and overlap are measured outside Redis (each event body names its group):
 *
 * <ul>
 *   <li><b>group fairness</b> ({@code --group-fairness N}, meant for one worker): N tasks of group
 *       {@code a} are queued (paused, then resumed); once a tenth of them were answered, the 20
 *       tasks of group {@code b} are submitted behind the rest. Counts a's answers between b's
 *       submit and b's last answer, and b's submit-to-answer latency;
 *   <li><b>group limit</b> ({@code --group-limit N}): every group's limit is set to N ({@link
 *       GroupLimits}, removed after), {@value #LIMITED_TASKS} tasks of groups {@code g1} to {@code
 *       g4} are queued (paused, then resumed), and the receiver holds each request {@link #HOLD} so
 *       runs overlap; reports each group's most requests in progress at once against N, tasks/s,
 *       and the events that arrived twice or never.
 * </ul>
 */
final class GroupRuns implements AutoCloseable {
  static final String TYPE = WebhookTasks.TYPE;
  static final int LATE_TASKS = 20;
  static final List<String> LIMITED_GROUPS = List.of("g1", "g2", "g3", "g4");
  static final int LIMITED_TASKS = 2_000;
  static final Duration HOLD = Duration.ofMillis(20);
  private static final Duration PAUSE_QUIET = Duration.ofMillis(1_500);

  private final TaskSubmitter submitter;
  private final TaskAssignments assignments;
  private final GroupLimits limits;
  private final QueueProgress progress;
  private final RBucket<String> paused;
  private final HookReceiver receiver = HookReceiver.start();
  private final int batch;

  GroupRuns(BenchTarget target, FleetContext fleet, int batch) {
    this.submitter = new TaskSubmitter(fleet, QueueSettings.defaults());
    this.assignments = new TaskAssignments(fleet);
    this.limits = new GroupLimits(fleet);
    this.progress = new QueueProgress(target.redis(), target.keys(), TYPE);
    this.paused = target.redis().getBucket(target.keys().paused(TYPE), StringCodec.INSTANCE);
    this.batch = batch;
  }

  GroupResults.Fairness fairness(int backlog, int workers, int concurrency)
      throws InterruptedException {
    receiver.holding(Duration.ZERO);
    receiver.takeEvents();
    Map<String, Long> before = progress.counters();
    List<String> early = queuePaused("fair-a", "a", backlog);
    long deadline = System.nanoTime() + LaneRuns.timeoutFor(backlog).toNanos();
    while (receiver.answered() < Math.max(1, backlog / 10) && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    receiver.mark();
    long submittedAt = System.currentTimeMillis();
    submit(tasks("fair-b", "b", LATE_TASKS));
    Map<String, Long> after =
        progress.awaitFinished(
            QueueProgress.finished(before) + backlog + LATE_TASKS, LaneRuns.timeoutFor(backlog));
    Set<String> startedBefore = new HashSet<>();
    List<Map<String, String>> records = assignments.readAll(TYPE, early);
    for (int i = 0; i < early.size(); i++) {
      String at = records.get(i).get("started_at");
      if (at != null && Long.parseLong(at) < submittedAt) {
        startedBefore.add(early.get(i));
      }
    }
    GroupFairness seen =
        GroupFairness.of(receiver.takeEvents(), "a", "b", LATE_TASKS, startedBefore::contains);
    return new GroupResults.Fairness(backlog, workers, concurrency, seen, retried(before, after));
  }

  GroupResults.Limit limit(int most, int workers) throws InterruptedException {
    receiver.holding(HOLD);
    receiver.takeEvents();
    limits.set(TYPE, GroupLimits.EVERY_GROUP, OptionalInt.of(most));
    try {
      Map<String, Long> before = progress.counters();
      int each = LIMITED_TASKS / LIMITED_GROUPS.size();
      paused.set("1");
      Thread.sleep(PAUSE_QUIET.toMillis());
      for (String group : LIMITED_GROUPS) {
        submit(tasks("limit-" + group, group, each));
      }
      int tasks = each * LIMITED_GROUPS.size();
      long resumed = System.nanoTime();
      paused.delete();
      Map<String, Long> after =
          progress.awaitFinished(
              QueueProgress.finished(before) + tasks, LaneRuns.timeoutFor(tasks));
      List<ReceiverEvent> events = receiver.takeEvents();
      long last = events.isEmpty() ? resumed : events.get(events.size() - 1).nanos();
      double seconds = Math.max(1, last - resumed) / 1e9;
      return new GroupResults.Limit(
          most,
          workers,
          tasks,
          tasks / seconds,
          GroupConcurrency.of(events),
          retried(before, after));
    } finally {
      limits.set(TYPE, GroupLimits.EVERY_GROUP, OptionalInt.empty());
      receiver.holding(Duration.ZERO);
    }
  }

  /** Queues the tasks while the type is paused, then resumes it; returns their ids. */
  private List<String> queuePaused(String prefix, String group, int count)
      throws InterruptedException {
    paused.set("1");
    Thread.sleep(PAUSE_QUIET.toMillis());
    List<Task> tasks = tasks(prefix, group, count);
    submit(tasks);
    paused.delete();
    return tasks.stream().map(Task::id).toList();
  }

  private List<Task> tasks(String prefix, String group, int count) {
    Instant now = Instant.now();
    List<Task> tasks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = prefix + "-" + i;
      ObjectNode payload = JsonNodeFactory.instance.objectNode();
      payload.put("url", receiver.url());
      payload.putObject("event").put("eventId", id).put("group", group);
      tasks.add(Task.of(id, TYPE, payload).withGroup(group).withEnqueuedAt(now));
    }
    return tasks;
  }

  private void submit(List<Task> tasks) {
    for (int from = 0; from < tasks.size(); from += batch) {
      submitter.submitAll(tasks.subList(from, Math.min(tasks.size(), from + batch)));
    }
  }

  private static long retried(Map<String, Long> before, Map<String, Long> after) {
    String retried = QueueCounter.RETRIED.wireName();
    return after.get(retried) - before.get(retried);
  }

  @Override
  public void close() {
    receiver.close();
  }
}
