package io.docfleet.queue;

import io.docfleet.redis.FleetContext;
import io.docfleet.redis.LuaScript;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.Priority;
import io.docfleet.task.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.redisson.api.RScript;

/**
 * An operator's view of one type's dead-letter list {@code {tasks:<type>}:dead}: read it, give
 * entries back to their lane's ready list (each exactly once, with its attempts reset), or empty
 * it. An entry that was not a task (only its raw bytes were kept) cannot be retried: it is skipped
 * and stays, and a purge removes it.
 *
 * <p>Attempts are counted in two places, the item and its task's record in {@code
 * {tasks:<type>}:assignments}, and a run's start takes the larger: a retry resets both, in the one
 * script that moves the item ({@code dead_retry.lua}).
 */
public final class DeadLetters {
  private static final LuaScript RETRY = LuaScript.load("dead_retry");
  private static final LuaScript PURGE = LuaScript.load("dead_purge");

  private final FleetContext fleet;
  private final String type;

  public DeadLetters(FleetContext fleet, String type) {
    this.fleet = fleet;
    this.type = type;
  }

  /** What a retry did: entries queued again, and entries left because they hold no task. */
  public record RetryResult(long retried, long skipped) {}

  public long size() {
    return fleet.redis().getList(fleet.keys().dead(type)).size();
  }

  /** Up to {@code limit} entries from {@code offset}, newest first. */
  public List<DeadLetter> list(int offset, int limit) {
    List<String> raw =
        fleet.redis().<String>getList(fleet.keys().dead(type)).range(offset, offset + limit - 1);
    List<DeadLetter> entries = new ArrayList<>(raw.size());
    raw.forEach(json -> entries.add(DeadLetter.fromJson(fleet.codec(), json)));
    return entries;
  }

  /**
   * Queues again up to {@code limit} of the oldest entries, or only those whose task id is in
   * {@code ids} when it is not empty; each goes back with its attempts reset to 0, in the item and
   * in its task's record (unless the task completed since: a start then drops it as a duplicate).
   */
  public RetryResult retry(Collection<String> ids, int limit) {
    Set<String> wanted = Set.copyOf(ids);
    List<String> raw = fleet.redis().<String>getList(fleet.keys().dead(type)).readAll();
    List<Object> triples = new ArrayList<>();
    long skipped = 0;
    int picked = 0;
    for (int i = raw.size() - 1; i >= 0 && picked < limit; i--) {
      String entry = raw.get(i);
      DeadLetter letter = DeadLetter.fromJson(fleet.codec(), entry);
      if (!wanted.isEmpty() && (letter.taskId() == null || !wanted.contains(letter.taskId()))) {
        continue;
      }
      Task task;
      try {
        task = fleet.codec().decode(letter.raw());
      } catch (MalformedTaskException e) {
        skipped++;
        continue;
      }
      triples.add(entry);
      triples.add(fleet.codec().encode(task.withAttempt(0)));
      triples.add(task.id());
      picked++;
    }
    if (triples.isEmpty()) {
      return new RetryResult(0, skipped);
    }
    Long moved =
        RETRY
            .<Long>run(
                fleet.redis(),
                RScript.ReturnType.LONG,
                List.of(
                    fleet.keys().dead(type),
                    fleet.keys().ready(type),
                    fleet.keys().stats(type),
                    fleet.keys().runs().assignments(type),
                    fleet.keys().runs().lane(type, Priority.HIGH),
                    fleet.keys().runs().lane(type, Priority.LOW)),
                triples.toArray())
            .toCompletableFuture()
            .join();
    return new RetryResult(moved, skipped);
  }

  /** Empties the list; returns how many entries were removed. */
  public long purge() {
    Long removed =
        PURGE
            .<Long>run(
                fleet.redis(),
                RScript.ReturnType.LONG,
                List.of(fleet.keys().dead(type), fleet.keys().stats(type)))
            .toCompletableFuture()
            .join();
    return removed == null ? 0 : removed;
  }
}
