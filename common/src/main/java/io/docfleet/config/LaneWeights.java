package io.docfleet.config;

import java.util.List;
import java.util.Locale;

/**
 * How workers share their claims between a type's lanes ({@code QUEUE_LANE_WEIGHTS}): with weights
 * (default {@code high=8,normal=3,low=1}: of every 12 tasks claimed while all three lanes have
 * work, 8 high, 3 normal, 1 low, so no lane starves), or {@code strict} (always the highest lane
 * that has work). A lane the value does not name keeps its default weight.
 */
public record LaneWeights(boolean strict, int high, int normal, int low) {
  public static final String VARIABLE = "QUEUE_LANE_WEIGHTS";
  public static final LaneWeights DEFAULT = new LaneWeights(false, 8, 3, 1);
  public static final int MOST = 1000;

  /** The lanes by their names in the task format ({@code io.docfleet.task.Priority}), in order. */
  private static final List<String> LANES = List.of("high", "normal", "low");

  private static final String ACCEPTS =
      "strict, or weights such as high=8,normal=3,low=1 (lanes high, normal, low; each a whole"
          + " number from 1 to "
          + MOST
          + ")";

  /** Reads {@code QUEUE_LANE_WEIGHTS}; the default when it is not set. */
  static LaneWeights fromEnv(Env env) {
    return env.get(VARIABLE).map(LaneWeights::parse).orElse(DEFAULT);
  }

  /** Reads a value such as {@code high=8,normal=3,low=1} or {@code strict}. */
  public static LaneWeights parse(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.equals("strict")) {
      return new LaneWeights(true, DEFAULT.high, DEFAULT.normal, DEFAULT.low);
    }
    int[] weights = {DEFAULT.high, DEFAULT.normal, DEFAULT.low};
    boolean[] named = new boolean[LANES.size()];
    for (String pair : text.split(",", -1)) {
      String[] parts = pair.split("=", -1);
      int lane = parts.length == 2 ? LANES.indexOf(parts[0].strip()) : -1;
      if (lane < 0 || named[lane]) {
        throw new ConfigException(VARIABLE, ACCEPTS, value);
      }
      named[lane] = true;
      weights[lane] = weight(parts[1].strip(), value);
    }
    return new LaneWeights(false, weights[0], weights[1], weights[2]);
  }

  private static int weight(String text, String value) {
    try {
      int weight = Integer.parseInt(text);
      if (weight >= 1 && weight <= MOST) {
        return weight;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(VARIABLE, ACCEPTS, value);
  }

  /**
   * As {@code claim.lua} reads it: {@code strict}, or the three weights {@code high,normal,low}.
   */
  public String wire() {
    return strict ? "strict" : high + "," + normal + "," + low;
  }
}
