package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.task.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.redisson.api.RScript;

/**
 * An operator's removals from one type's queue: the whole ready list (tasks not yet started, in one
 * atomic step, {@code ready_purge.lua}, counted as {@code ready_purged}), or the dead letters of
 * one task id ({@code dead_delete.lua}, counted as {@code dead_purged}). The dead-letter list is
 * searched in pages of {@value #PAGE}, each matching entry removed byte for byte.
 */
public final class QueueRemovals {
  private static final LuaScript READY_PURGE = LuaScript.load("ready_purge");
  private static final LuaScript DEAD_DELETE = LuaScript.load("dead_delete");
  private static final int PAGE = 1_000;

  private final FleetContext fleet;
  private final String type;

  public QueueRemovals(FleetContext fleet, String type) {
    this.fleet = fleet;
    this.type = type;
  }

  /** Empties the ready lists, every lane's; returns how many items they held. */
  public long purgeReady() {
    Long removed =
        READY_PURGE
            .<Long>run(
                fleet.redis(),
                RScript.ReturnType.LONG,
                List.of(
                    fleet.keys().ready(type),
                    fleet.keys().stats(type),
                    fleet.keys().runs().lane(type, Priority.HIGH),
                    fleet.keys().runs().lane(type, Priority.LOW)))
            .toCompletableFuture()
            .join();
    return removed == null ? 0 : removed;
  }

  /** Removes every dead letter of task {@code taskId}; returns how many. */
  public long deleteDead(String taskId) {
    var list = fleet.redis().<String>getList(fleet.keys().dead(type));
    List<String> matching = new ArrayList<>();
    for (int from = 0; ; from += PAGE) {
      List<String> page = list.range(from, from + PAGE - 1);
      for (String entry : page) {
        if (Objects.equals(taskId, DeadLetter.fromJson(fleet.codec(), entry).taskId())) {
          matching.add(entry);
        }
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    if (matching.isEmpty()) {
      return 0;
    }
    Long removed =
        DEAD_DELETE
            .<Long>run(
                fleet.redis(),
                RScript.ReturnType.LONG,
                List.of(fleet.keys().dead(type), fleet.keys().stats(type)),
                matching.toArray())
            .toCompletableFuture()
            .join();
    return removed == null ? 0 : removed;
  }
}
