package io.docfleet.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of environment variables; every bad value becomes a {@link ConfigException} that
 * names the variable and what it accepts. Blank values count as unset.
 */
public final class Env {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

  private final Map<String, String> values;

  public Env(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The process environment. */
  public static Env system() {
    return new Env(System.getenv());
  }

  public Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** The set variables whose names start with {@code prefix}, by name, values trimmed. */
  public Map<String, String> startingWith(String prefix) {
    Map<String, String> found = new TreeMap<>();
    values.forEach(
        (name, value) -> {
          if (name.startsWith(prefix) && !value.isBlank()) {
            found.put(name, value.trim());
          }
        });
    return found;
  }

  public String string(String name, String defaultValue) {
    return get(name).orElse(defaultValue);
  }

  public int positiveInt(String name, int defaultValue) {
    return get(name).map(v -> parsePositiveInt(name, v)).orElse(defaultValue);
  }

  /** A whole number of 0 or more, or empty when the variable is not set. */
  public OptionalInt count(String name) {
    Optional<String> value = get(name);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    if (value.get().equals("0")) {
      return OptionalInt.of(0);
    }
    return OptionalInt.of(parsePositiveInt(name, value.get()));
  }

  public boolean bool(String name, boolean defaultValue) {
    return get(name).map(v -> parseBool(name, v)).orElse(defaultValue);
  }

  public Duration duration(String name, Duration defaultValue) {
    return get(name).map(v -> parseDuration(name, v)).orElse(defaultValue);
  }

  public List<String> list(String name, List<String> defaultValue) {
    return get(name).map(Env::splitList).orElse(defaultValue);
  }

  public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue) {
    Optional<String> value = get(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.get())) {
        return constant;
      }
    }
    String accepts =
        String.join(
            " | ",
            Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase()).toList());
    throw new ConfigException(name, accepts, value.get());
  }

  static int parsePositiveInt(String name, String value) {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(name, "a whole number above 0", value);
  }

  static boolean parseBool(String name, String value) {
    return switch (value.trim().toLowerCase()) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(name, "true or false", value);
    };
  }

  /**
   * Parses {@code 250ms}, {@code 15s}, {@code 2m}, {@code 1h}, {@code 1d}; a bare number is
   * seconds.
   */
  public static Duration parseDuration(String name, String value) {
    Matcher m = DURATION.matcher(value.trim().toLowerCase());
    if (!m.matches()) {
      throw new ConfigException(name, "a duration such as 500ms, 15s, 2m or 1h", value);
    }
    long amount = Long.parseLong(m.group(1));
    return switch (Objects.requireNonNullElse(m.group(2), "s")) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  static List<String> splitList(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return List.copyOf(items);
  }
}
