package io.docfleet.api.redismonitor;

import io.docfleet.redis.RedisKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.client.protocol.decoder.ListScanResult;
import org.redisson.connection.MasterSlaveEntry;

/**
 * Counts one Redis's keys by family with {@code SCAN} (never {@code KEYS}), {@value #COUNT} keys a
 * call, on each master of a Cluster: every master (and under a key prefix each of its two patterns,
 * plain and tagged names) is scanned side by side, one call each at a time, until every scan is
 * through or {@link #TIME} has passed; a count cut short says so ({@link KeyCounts#complete}).
 * Cheap for the server, but a whole pass over the keyspace: {@link RedisServer} keeps a count for
 * {@link RedisServer#KEY_COUNTS_MAX_AGE}.
 */
final class KeyCensus {
  /** How long one count may scan. */
  static final Duration TIME = Duration.ofSeconds(1);

  /** The {@code COUNT} of each {@code SCAN} call. */
  static final int COUNT = 1000;

  private final Clock clock;
  private final Duration time;
  private final int count;

  KeyCensus(Clock clock) {
    this(clock, TIME, COUNT);
  }

  KeyCensus(Clock clock, Duration time, int count) {
    this.clock = clock;
    this.time = time;
    this.count = count;
  }

  KeyCounts take(RedissonClient redis, RedisKeys keys) throws Exception {
    Instant countedAt = clock.instant();
    long start = System.nanoTime();
    Masters masters = Masters.of(redis);
    long total = 0;
    for (Long size : masters.<Long, Long>each(RedisCommands.DBSIZE)) {
      total += size;
    }
    List<String> patterns =
        keys.prefix().isEmpty() ? Collections.singletonList(null) : keys.scanPatterns();
    List<Cursor> cursors = new ArrayList<>();
    for (MasterSlaveEntry master : masters.list()) {
      for (String pattern : patterns) {
        cursors.add(new Cursor(master, pattern));
      }
    }
    KeyTally tally = new KeyTally(keys);
    long deadline = start + time.toNanos();
    List<Cursor> open = cursors;
    do {
      List<CompletableFuture<ListScanResult<String>>> replies = new ArrayList<>(open.size());
      for (Cursor cursor : open) {
        replies.add(masters.send(cursor.master, RedisCommands.SCAN, cursor.args(count)));
      }
      for (int i = 0; i < open.size(); i++) {
        ListScanResult<String> reply = Masters.await(replies.get(i), Masters.WAIT_SECONDS);
        open.get(i).position = reply.getPos();
        tally.add(reply.getValues());
      }
      open = cursors.stream().filter(Cursor::open).toList();
    } while (!open.isEmpty() && System.nanoTime() < deadline);
    long millis = (System.nanoTime() - start) / 1_000_000;
    return tally.counts(total, open.isEmpty(), millis, countedAt);
  }

  /** One scan: a master, the pattern it matches (null: every key), and where it got to. */
  private static final class Cursor {
    final MasterSlaveEntry master;
    final String pattern;
    String position = "0";
    boolean started;

    Cursor(MasterSlaveEntry master, String pattern) {
      this.master = master;
      this.pattern = pattern;
    }

    boolean open() {
      return !started || !position.equals("0");
    }

    Object[] args(int count) {
      started = true;
      return pattern == null
          ? new Object[] {position, "COUNT", count}
          : new Object[] {position, "MATCH", pattern, "COUNT", count};
    }
  }
}
