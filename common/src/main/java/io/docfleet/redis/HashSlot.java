package io.docfleet.redis;

import java.nio.charset.StandardCharsets;

/**
 * The Redis Cluster hash slot of a key, as the cluster computes it: CRC16 (XMODEM) of the key's
 * hash tag, or of the whole key when it has none. {@code migrate-keys} uses it to tell a rename
 * within one slot from a copy across slots.
 */
public final class HashSlot {
  private static final int SLOTS = 16384;

  private HashSlot() {}

  /** The slot of {@code key}. */
  public static int of(String key) {
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        key = key.substring(open + 1, close);
      }
    }
    int crc = 0;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      crc ^= (b & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
    }
    return (crc & 0xffff) % SLOTS;
  }
}
