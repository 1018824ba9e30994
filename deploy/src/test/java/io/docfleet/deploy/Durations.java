package io.docfleet.deploy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a duration as docfleet's Env.parseDuration does: 500ms, 15s, 2m, 1h, 1d; bare = s. */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

  private Durations() {}

  static Duration parse(String value) {
    Matcher m = DURATION.matcher(value.trim().toLowerCase());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + value);
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> Duration.ofSeconds(amount);
    };
  }
}
