package io.docfleet.api.migration;

import io.docfleet.queue.DeadLetter;
import io.docfleet.queue.TaskRecord;
import io.docfleet.redis.LuaScript;
import io.docfleet.redis.RedisKeys;
import io.docfleet.task.MalformedTaskException;
import io.docfleet.task.TaskCodec;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.codec.StringCodec;

/**
 * Moves the task records of the older form ({@code task:assignments:<taskId>}, a hash per task in a
 * slot of its own) into their queue's hash, {@code {tasks:<type>}:assignments}, with their expiry
 * ({@code assignment_move.lua}; a record the queue already has is never overwritten), then removes
 * the old key. A record does not say its type: it is found from where the task is now, an item of a
 * type in {@code queues:index} in its ready list, delayed set, dead-letter list or a registered
 * worker's in-flight list (under either name). Those are the records that matter, because a start
 * counts attempts from them. A record whose task is in none of them (it completed, or was purged)
 * is left under its old name until its TTL: lookups read it there for one release.
 */
final class RecordMigration {
  private static final LuaScript MOVE = LuaScript.load("assignment_move");
  private static final int SCAN_CHUNK = 500;

  private final RedissonClient redis;
  private final RedisKeys keys;
  private final TaskCodec codec;
  private final Clock clock;
  private final Duration retention;
  private final PrintStream out;

  RecordMigration(
      RedissonClient redis,
      RedisKeys keys,
      TaskCodec codec,
      Clock clock,
      Duration retention,
      PrintStream out) {
    this.redis = redis;
    this.keys = keys;
    this.codec = codec;
    this.clock = clock;
    this.retention = retention;
    this.out = out;
  }

  /** Moves every old record whose type is found; {@code apply} false only reports. */
  MigrationCounts run(boolean apply) {
    String prefix = keys.legacy().assignment("");
    KeysScanOptions scan =
        KeysScanOptions.defaults()
            .pattern(keys.pattern("task:assignments:*"))
            .chunkSize(SCAN_CHUNK);
    List<String> old = new ArrayList<>();
    redis.getKeys().getKeys(scan).forEach(old::add);
    if (old.isEmpty()) {
      return MigrationCounts.NONE;
    }
    Map<String, String> typeOf = typesOfQueuedTasks();
    MigrationCounts total = MigrationCounts.NONE;
    for (String key : old) {
      String taskId = key.substring(prefix.length());
      String type = typeOf.get(taskId);
      if (type == null) {
        out.println("left " + key + ": no queue holds its task (it stays readable until its TTL)");
        total = total.plus(new MigrationCounts(0, 0, 0, 0, 1));
      } else {
        total = total.plus(move(key, taskId, type, apply));
      }
    }
    return total;
  }

  private MigrationCounts move(String key, String taskId, String type, boolean apply) {
    Map<String, String> fields =
        redis.<String, String>getMap(key, StringCodec.INSTANCE).readAllMap();
    long ttl = redis.getKeys().remainTimeToLive(key);
    if (fields.isEmpty()) {
      return MigrationCounts.NONE; // gone since the scan saw it
    }
    String record;
    try {
      record = TaskRecord.fromFields(fields).toJson();
    } catch (IllegalArgumentException e) {
      out.println("unrecognized " + key + " (" + e.getMessage() + ")");
      return new MigrationCounts(0, 0, 0, 1, 0);
    }
    String hash = keys.runs().assignments(type);
    if (!apply) {
      out.println("would move " + key + " -> " + hash + " field " + taskId);
      return new MigrationCounts(1, 0, 0, 0, 0);
    }
    long expires = clock.millis() + (ttl > 0 ? ttl : retention.toMillis());
    Long result =
        MOVE.<Long>run(
                redis,
                RScript.ReturnType.LONG,
                List.of(hash, keys.runs().assignmentsExpiry(type)),
                taskId,
                record,
                Long.toString(expires))
            .toCompletableFuture()
            .join();
    if (result == 0L) {
      out.println("skipped " + key + ": " + hash + " holds a newer record of " + taskId);
      return new MigrationCounts(0, 1, 0, 0, 0);
    }
    redis.getKeys().delete(key);
    out.println(
        (result == 1L ? "moved " : "removed ")
            + key
            + (result == 1L ? " -> " : ": already migrated to ")
            + hash
            + " field "
            + taskId);
    return result == 1L ? new MigrationCounts(1, 0, 0, 0, 0) : new MigrationCounts(0, 0, 1, 0, 0);
  }

  /** The type of every task queued, delayed, dead-lettered or in flight now, by task id. */
  private Map<String, String> typesOfQueuedTasks() {
    Set<String> types = redis.<String>getSet(keys.queuesIndex()).readAll();
    Set<String> workers = redis.<String>getSet(keys.workersIndex()).readAll();
    Map<String, String> typeOf = new HashMap<>();
    for (String type : types) {
      RBatch batch = redis.createBatch();
      List<RFuture<List<String>>> lists = new ArrayList<>();
      lists.add(batch.<String>getList(keys.ready(type), StringCodec.INSTANCE).readAllAsync());
      for (String worker : workers) {
        lists.add(
            batch
                .<String>getList(keys.inFlight(type, worker), StringCodec.INSTANCE)
                .readAllAsync());
        lists.add(
            batch
                .<String>getList(keys.legacy().inFlight(type, worker), StringCodec.INSTANCE)
                .readAllAsync());
      }
      RFuture<Collection<String>> delayed =
          batch.<String>getScoredSortedSet(keys.delayed(type), StringCodec.INSTANCE).readAllAsync();
      RFuture<List<String>> dead =
          batch.<String>getList(keys.dead(type), StringCodec.INSTANCE).readAllAsync();
      batch.execute();
      for (RFuture<List<String>> list : lists) {
        list.toCompletableFuture().join().forEach(item -> note(typeOf, item, type));
      }
      delayed.toCompletableFuture().join().forEach(item -> note(typeOf, item, type));
      for (String entry : dead.toCompletableFuture().join()) {
        String taskId = DeadLetter.fromJson(codec, entry).taskId();
        if (taskId != null) {
          typeOf.putIfAbsent(taskId, type);
        }
      }
    }
    return typeOf;
  }

  private void note(Map<String, String> typeOf, String item, String type) {
    try {
      typeOf.putIfAbsent(codec.decode(item).id(), type);
    } catch (MalformedTaskException e) {
      // not a task: no record to move for it
    }
  }
}
