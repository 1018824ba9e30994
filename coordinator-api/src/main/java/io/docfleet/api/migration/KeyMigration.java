package io.docfleet.api.migration;

import io.docfleet.redis.HashSlot;
import io.docfleet.redis.RedisKeys;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.client.RedisException;
import org.redisson.client.codec.ByteArrayCodec;

/**
 * Renames keys from the older naming to today's ({@link KeyRename#ALL}), under the fleet's key
 * prefix. Finds old keys with {@code SCAN} (never {@code KEYS}; on a cluster, on every master). A
 * dry run only reports. A real run moves each key with its TTL: {@code RENAMENX} where both names
 * share a hash slot (always on a single Redis), else {@code DUMP}, {@code PTTL} and {@code RESTORE}
 * without {@code REPLACE}, then {@code DEL} of the old key. An existing new key is never
 * overwritten: if it holds exactly the old key's value the old key is removed (counted as already
 * migrated), otherwise both are left and the old key is counted as skipped. Running it again moves
 * nothing more.
 */
final class KeyMigration {
  private static final int SCAN_CHUNK = 500;

  /** How a key moves: one atomic rename, or copy and delete across hash slots. */
  enum Move {
    RENAME_IN_SLOT,
    COPY_ACROSS_SLOTS
  }

  private final RedissonClient redis;
  private final RedisKeys keys;
  private final boolean cluster;
  private final PrintStream out;

  KeyMigration(RedissonClient redis, RedisKeys keys, boolean cluster, PrintStream out) {
    this.redis = redis;
    this.keys = keys;
    this.cluster = cluster;
    this.out = out;
  }

  /** Migrates every old key; {@code apply} false only reports what would happen. */
  MigrationCounts run(boolean apply) {
    MigrationCounts total = MigrationCounts.NONE;
    for (KeyRename rule : KeyRename.ALL) {
      KeysScanOptions scan =
          KeysScanOptions.defaults().pattern(rule.pattern(keys)).chunkSize(SCAN_CHUNK);
      for (String oldKey : redis.getKeys().getKeys(scan)) {
        total = total.plus(migrate(rule, oldKey, apply));
      }
    }
    return total;
  }

  private MigrationCounts migrate(KeyRename rule, String oldKey, boolean apply) {
    Optional<String> target = rule.newName(keys, oldKey);
    if (target.isEmpty()) {
      out.println("unrecognized " + oldKey + " (not " + rule.oldForm() + ")");
      return new MigrationCounts(0, 0, 0, 1, 0);
    }
    String newKey = target.get();
    RBucket<byte[]> from = bucket(oldKey);
    RBucket<byte[]> to = bucket(newKey);
    if (to.isExists()) {
      return existing(from, to, apply);
    }
    long ttl = from.remainTimeToLive();
    if (ttl == -2) {
      return MigrationCounts.NONE; // gone since the scan saw it
    }
    String ttlText = ttl < 0 ? "no TTL" : "TTL " + ttl + " ms";
    if (!apply) {
      out.println("would move " + oldKey + " -> " + newKey + " (" + ttlText + ")");
      return new MigrationCounts(1, 0, 0, 0, 0);
    }
    boolean moved =
        moveFor(oldKey, newKey) == Move.RENAME_IN_SLOT
            ? from.renamenx(newKey)
            : copyThenDelete(from, to, ttl);
    if (!moved) {
      out.println("skipped " + oldKey + ": " + newKey + " appeared meanwhile");
      return new MigrationCounts(0, 1, 0, 0, 0);
    }
    out.println("moved " + oldKey + " -> " + newKey + " (" + ttlText + ")");
    return new MigrationCounts(1, 0, 0, 0, 0);
  }

  private MigrationCounts existing(RBucket<byte[]> from, RBucket<byte[]> to, boolean apply) {
    byte[] old = from.dump();
    if (old != null && Arrays.equals(old, to.dump())) {
      if (apply) {
        from.delete();
      }
      out.println(
          (apply ? "removed " : "would remove ")
              + from.getName()
              + ": already migrated to "
              + to.getName());
      return new MigrationCounts(0, 0, 1, 0, 0);
    }
    out.println("skipped " + from.getName() + ": " + to.getName() + " exists with other data");
    return new MigrationCounts(0, 1, 0, 0, 0);
  }

  /** RENAMENX when both names hash to one slot (or there are no slots), else copy and delete. */
  Move moveFor(String oldKey, String newKey) {
    return !cluster || HashSlot.of(oldKey) == HashSlot.of(newKey)
        ? Move.RENAME_IN_SLOT
        : Move.COPY_ACROSS_SLOTS;
  }

  private static boolean copyThenDelete(RBucket<byte[]> from, RBucket<byte[]> to, long ttl) {
    byte[] state = from.dump();
    if (state == null) {
      return false;
    }
    try {
      to.restore(state, Math.max(ttl, 0), TimeUnit.MILLISECONDS);
    } catch (RedisException e) {
      if (String.valueOf(e.getMessage()).contains("BUSYKEY")) {
        return false;
      }
      throw e;
    }
    from.delete();
    return true;
  }

  private RBucket<byte[]> bucket(String name) {
    return redis.getBucket(name, ByteArrayCodec.INSTANCE);
  }
}
