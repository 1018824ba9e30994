package io.docfleet.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Values as stored: the UTF-8 text, or above the threshold its gzip. The gzip header's first two
 * bytes ({@code 1f 8b}) are the marker: {@code 8b} after an ASCII byte is never valid UTF-8, so no
 * plain value can be taken for a compressed one, and an operator can pipe a value into {@code
 * gunzip}.
 */
final class CompressedValues {
  private final int threshold;

  CompressedValues(int threshold) {
    this.threshold = threshold;
  }

  byte[] encode(String value) {
    byte[] plain = value.getBytes(StandardCharsets.UTF_8);
    if (plain.length <= threshold) {
      return plain;
    }
    byte[] packed = gzip(plain);
    return packed.length < plain.length ? packed : plain;
  }

  /** The text of a stored value; throws {@link UncheckedIOException} on a corrupt one. */
  String decode(byte[] stored) {
    if (!isCompressed(stored)) {
      return new String(stored, StandardCharsets.UTF_8);
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt compressed cache value", e);
    }
  }

  static boolean isCompressed(byte[] stored) {
    return stored.length >= 2 && stored[0] == (byte) 0x1f && stored[1] == (byte) 0x8b;
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress in memory", e);
    }
    return out.toByteArray();
  }
}
