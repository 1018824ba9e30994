package io.docfleet.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompressedValuesTest {
  private final CompressedValues values = new CompressedValues(4096);

  @Test
  void keepsSmallValuesAsPlainText() {
    byte[] stored = values.encode("{\"entities\":[]}");
    assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("{\"entities\":[]}");
    assertThat(CompressedValues.isCompressed(stored)).isFalse();
    assertThat(values.decode(stored)).isEqualTo("{\"entities\":[]}");
  }

  @Test
  void compressesLargeValuesBehindTheGzipMarker() {
    String large = "{\"text\":\"" + "Lorem ipsum dolor sit amet. ".repeat(1000) + "\"}";
    byte[] stored = values.encode(large);
    assertThat(CompressedValues.isCompressed(stored)).isTrue();
    assertThat(stored.length).isLessThan(large.length() / 10);
    assertThat(values.decode(stored)).isEqualTo(large);
  }

  @Test
  void keepsALargeValueThatDoesNotShrinkPlain() {
    CompressedValues tiny = new CompressedValues(8);
    String noise = "q8Z!x0@";
    assertThat(tiny.encode(noise + "12"))
        .isEqualTo((noise + "12").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void noTextIsEverTakenForACompressedValue() {
    String unitSeparatorFirst = "\u001f\u008b looks like the marker as text";
    byte[] stored = values.encode(unitSeparatorFirst);
    assertThat(CompressedValues.isCompressed(stored)).isFalse();
    assertThat(values.decode(stored)).isEqualTo(unitSeparatorFirst);
    assertThat(CompressedValues.isCompressed(new byte[] {0x1f})).isFalse();
  }

  @Test
  void aCorruptCompressedValueFailsLoudly() {
    assertThatThrownBy(() -> values.decode(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}))
        .isInstanceOf(UncheckedIOException.class);
  }
}
