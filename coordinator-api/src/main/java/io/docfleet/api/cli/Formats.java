package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How the CLI shows ages, sizes, rates and missing values. */
final class Formats {
  private Formats() {}

  /** {@code 850ms}, {@code 12s}, {@code 3m05s}, {@code 2h10m}, {@code 3d04h}; "-" for none. */
  static String age(JsonNode millis) {
    if (millis == null || millis.isNull() || !millis.isNumber()) {
      return "-";
    }
    return age(millis.asLong());
  }

  static String age(long millis) {
    if (millis < 0) {
      return "-";
    }
    if (millis < 1000) {
      return millis + "ms";
    }
    long s = millis / 1000;
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", s / 86400, (s % 86400) / 3600);
  }

  /** Bytes in B, KiB, MiB or GiB with one decimal. */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** A ratio in [0, 1] as a percentage with one decimal; "-" when absent. */
  static String percent(JsonNode ratio) {
    if (ratio == null || ratio.isNull() || !ratio.isNumber()) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f%%", ratio.asDouble() * 100);
  }

  /** A field's text, or "-" when it is absent or null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? "-" : value.asText();
  }

  /** A field's whole number, or 0 when absent. */
  static long number(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? 0 : value.asLong();
  }

  /** Cuts a line to {@code width} characters, ending it with "…" when cut; 0 means no limit. */
  static String fit(String line, int width) {
    if (width <= 0 || line.length() <= width) {
      return line;
    }
    return width == 1 ? "…" : line.substring(0, width - 1) + "…";
  }
}
