package io.docfleet.queue;

import io.docfleet.config.FleetConfig.QueueSettings;
import io.docfleet.config.TaskTypeNames;
import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.redis.ReplicaAcks;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.redisson.api.RScript;

/**
 * Queues tasks: one atomic script call per task type, all types in flight at once, so a batch of
 * any size costs one round trip. A ready task goes to its priority's lane; a task due later ({@code
 * notBefore}) goes to the delayed set; a task whose {@code idempotencyKey} was used within the
 * window is not queued again. The document of each task that names one is marked pending ({@link
 * PendingDocuments}) once its task is queued. Where the Redis has a replica, each script call waits
 * for it to acknowledge ({@link ReplicaAcks}), so a task whose submit returned survives a failover
 * of the primary.
 */
public final class TaskSubmitter {
  private static final LuaScript SUBMIT = LuaScript.load("submit");

  /** Where each lane's list is in the script's KEYS (see {@code submit.lua}). */
  private static final Map<Priority, String> LANE_KEY_INDEX =
      Map.of(Priority.NORMAL, "1", Priority.HIGH, "4", Priority.LOW, "5");

  private final FleetContext fleet;
  private final QueueSettings settings;
  private final PendingDocuments pending;
  private final ReplicaAcks acks;

  public TaskSubmitter(FleetContext fleet, QueueSettings settings) {
    this.fleet = fleet;
    this.settings = settings;
    this.pending = new PendingDocuments(fleet);
    this.acks = ReplicaAcks.of(fleet, settings.replicaAckTimeout());
  }

  /** The replica acknowledgements this submitter waits for. */
  public ReplicaAcks replicaAcks() {
    return acks;
  }

  public SubmitResult submit(Task task) {
    return submitAll(List.of(task)).get(0);
  }

  /** Queues every task; the results come in the order of the tasks. */
  public List<SubmitResult> submitAll(List<Task> tasks) {
    Map<String, List<Integer>> positionsByType = new LinkedHashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      Task task = tasks.get(i);
      if (!TaskTypeNames.isValid(task.type())) {
        throw new IllegalArgumentException(
            "task " + task.id() + ": type '" + task.type() + "' is not " + TaskTypeNames.ACCEPTS);
      }
      positionsByType.computeIfAbsent(task.type(), t -> new ArrayList<>()).add(i);
    }
    Map<String, CompletableFuture<List<Object>>> calls = new LinkedHashMap<>();
    positionsByType.forEach(
        (type, positions) ->
            calls.put(type, submitGroup(type, positions.stream().map(tasks::get).toList())));
    CompletableFuture<Boolean> indexed =
        fleet
            .redis()
            .getSet(fleet.keys().queuesIndex())
            .addAllAsync(positionsByType.keySet())
            .toCompletableFuture();

    SubmitResult[] results = new SubmitResult[tasks.size()];
    calls.forEach(
        (type, call) -> {
          List<Object> flags = call.join();
          List<Integer> positions = positionsByType.get(type);
          for (int i = 0; i < positions.size(); i++) {
            Task task = tasks.get(positions.get(i));
            boolean queued = ((Number) flags.get(i)).longValue() == 1;
            results[positions.get(i)] = new SubmitResult(task.id(), type, queued);
          }
        });
    // Waited for, so a reaper that runs right after the submit knows the type, and a reconciler
    // that runs right after it sees the documents' tasks.
    indexed.join();
    pending
        .markAllAsync(tasks.stream().map(Task::documentId).filter(id -> id != null).toList())
        .join();
    return List.of(results);
  }

  private CompletableFuture<List<Object>> submitGroup(String type, List<Task> group) {
    Instant now = fleet.clock().instant();
    List<Object> keys = new ArrayList<>();
    keys.add(fleet.keys().ready(type));
    keys.add(fleet.keys().delayed(type));
    keys.add(fleet.keys().stats(type));
    keys.add(fleet.keys().runs().lane(type, Priority.HIGH));
    keys.add(fleet.keys().runs().lane(type, Priority.LOW));
    List<Object> args = new ArrayList<>();
    args.add(Long.toString(settings.idempotencyWindow().toMillis()));
    for (Task task : group) {
      Task stamped = task.enqueuedAt() == null ? task.withEnqueuedAt(now) : task;
      int idempotencyIndex = 0;
      if (task.idempotencyKey() != null) {
        keys.add(fleet.keys().idempotency(type, task.idempotencyKey()));
        idempotencyIndex = keys.size();
      }
      long due =
          task.notBefore() != null && task.notBefore().isAfter(now)
              ? task.notBefore().toEpochMilli()
              : 0;
      args.add(fleet.codec().encode(stamped));
      args.add(Integer.toString(idempotencyIndex));
      args.add(Long.toString(due));
      args.add(LANE_KEY_INDEX.get(task.priority()));
    }
    return acks.<List<Object>>run(SUBMIT, RScript.ReturnType.LIST, keys, args.toArray())
        .toCompletableFuture();
  }
}
