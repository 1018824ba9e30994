package io.docfleet.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many tasks of each type a worker runs at once: {@code WORKER_CONCURRENCY} is either one
 * number for every type ({@code 8}) or a per-type list ({@code ocr=2,entities=8}), optionally with
 * a default ({@code 4,ocr=2}).
 */
public record Concurrency(int defaultLimit, Map<String, Integer> perType) {
  public static final int DEFAULT = 8;
  private static final String ACCEPTS = "a number (8) or per type (ocr=2,entities=8)";

  public Concurrency {
    perType = Map.copyOf(perType);
  }

  public int forType(String type) {
    return perType.getOrDefault(type, defaultLimit);
  }

  static Concurrency parse(String variable, String value) {
    int defaultLimit = DEFAULT;
    Map<String, Integer> perType = new LinkedHashMap<>();
    for (String item : Env.splitList(value)) {
      int eq = item.indexOf('=');
      if (eq < 0) {
        defaultLimit = positive(variable, item, value);
      } else {
        String type = item.substring(0, eq).trim();
        if (type.isEmpty()) {
          throw new ConfigException(variable, ACCEPTS, value);
        }
        perType.put(type, positive(variable, item.substring(eq + 1), value));
      }
    }
    return new Concurrency(defaultLimit, perType);
  }

  private static int positive(String variable, String number, String whole) {
    try {
      int parsed = Integer.parseInt(number.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(variable, ACCEPTS, whole);
  }
}
