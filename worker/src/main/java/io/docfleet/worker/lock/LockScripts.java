package io.docfleet.worker.lock;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.redis.SlotGroups;
import io.docfleet.worker.lock.TaskLocks.Lock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The four lock scripts, each sent for a batch of locks: one call per group of keys that may share
 * a call (the whole batch on a single Redis, one hash slot's keys on a cluster, {@link
 * SlotGroups}), all groups in one pipeline. Each answers, per lock, whether it did its step.
 */
final class LockScripts {
  private static final LuaScript LOCK = LuaScript.load("task_lock");
  private static final LuaScript UNLOCK = LuaScript.load("task_unlock");
  private static final LuaScript RENEW = LuaScript.load("task_lock_renew");
  private static final LuaScript UNLOCK_CLIENT = LuaScript.load("task_unlock_client");

  /** What Redisson's {@code LockPubSub} reads as "unlocked". */
  private static final String UNLOCK_MESSAGE = "0";

  private final FleetContext fleet;
  private final SlotGroups slots;
  private final String leaseMillis;

  LockScripts(FleetContext fleet, SlotGroups slots, String leaseMillis) {
    this.fleet = fleet;
    this.slots = slots;
    this.leaseMillis = leaseMillis;
  }

  /** Per lock, true when taken for the lease, false when another owner holds it. */
  CompletionStage<List<Boolean>> lock(List<Lock> locks) {
    return callGrouped(LOCK, locks, false, leaseMillis);
  }

  /** Per lock, true when released, false when its owner no longer held it. */
  CompletionStage<List<Boolean>> unlock(List<Lock> locks) {
    return callGrouped(UNLOCK, locks, true, UNLOCK_MESSAGE);
  }

  /** Per lock, true when its lease was renewed, false when its owner no longer holds it. */
  CompletionStage<List<Boolean>> renew(List<Lock> locks) {
    return callGrouped(RENEW, locks, false, leaseMillis);
  }

  /**
   * Releases every lock this Redisson client has on the tasks; per task, true when its lock is free
   * now, false when another client holds it.
   */
  CompletionStage<List<Boolean>> releaseClientLocks(List<String> taskIds) {
    String prefix = fleet.redis().getId() + ":";
    return slots
        .run(
            fleet.redis(),
            UNLOCK_CLIENT,
            taskIds,
            fleet.keys()::taskLock,
            group -> {
              List<Object> keys = new ArrayList<>(group.size() * 2);
              for (Integer index : group) {
                keys.add(fleet.keys().taskLock(taskIds.get(index)));
              }
              for (Integer index : group) {
                keys.add(fleet.keys().taskLockChannel(taskIds.get(index)));
              }
              return new SlotGroups.ScriptCall(keys, new Object[] {prefix, UNLOCK_MESSAGE});
            })
        .thenApply(LockScripts::flags);
  }

  /**
   * Runs {@code script} over the locks. Its keys are the locks (then their channels when {@code
   * withChannels}); its arguments {@code first}, then each lock's owner field. Returns the per-lock
   * flags in the order of {@code locks}.
   */
  private CompletionStage<List<Boolean>> callGrouped(
      LuaScript script, List<Lock> locks, boolean withChannels, String first) {
    return slots
        .run(
            fleet.redis(),
            script,
            locks,
            Lock::key,
            group -> {
              List<Object> keys = new ArrayList<>(group.size() * (withChannels ? 2 : 1));
              Object[] args = new Object[group.size() + 1];
              args[0] = first;
              for (int j = 0; j < group.size(); j++) {
                Lock lock = locks.get(group.get(j));
                keys.add(lock.key());
                args[j + 1] = lock.field();
              }
              if (withChannels) {
                for (Integer index : group) {
                  keys.add(fleet.keys().taskLockChannel(locks.get(index).taskId()));
                }
              }
              return new SlotGroups.ScriptCall(keys, args);
            })
        .thenApply(LockScripts::flags);
  }

  private static List<Boolean> flags(List<Long> answers) {
    return answers.stream().map(answer -> answer == 1L).toList();
  }
}
