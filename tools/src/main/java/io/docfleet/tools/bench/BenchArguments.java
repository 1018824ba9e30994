package io.docfleet.tools.bench;

import java.util.List;
import java.util.Optional;

/**
 * Reads a benchmark's {@code --name value} pairs and remembers which it consumed, so that what is
 * left over fails as an unknown option. Each reader names the option and what it accepts when the
 * value is bad.
 */
final class BenchArguments {
  private final String[] args;
  private final boolean[] used;

  BenchArguments(String[] args) {
    this.args = args;
    this.used = new boolean[args.length];
  }

  Optional<String> string(String name) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + ": expected a value");
        }
        used[i] = true;
        used[i + 1] = true;
        return Optional.of(args[i + 1]);
      }
    }
    return Optional.empty();
  }

  /** True when the option {@code name}, which takes no value, is given. */
  boolean flag(String name) {
    boolean found = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name)) {
        used[i] = true;
        found = true;
      }
    }
    return found;
  }

  int positive(String name, int defaultValue) {
    int value = number(name, defaultValue);
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": expected a whole number above 0");
    }
    return value;
  }

  int atLeastZero(String name, int defaultValue) {
    int value = number(name, defaultValue);
    if (value < 0) {
      throw new IllegalArgumentException(name + ": expected a whole number >= 0");
    }
    return value;
  }

  String choice(String name, String defaultValue, List<String> accepted) {
    String value = string(name).orElse(defaultValue);
    if (!accepted.contains(value)) {
      throw new IllegalArgumentException(name + ": expected one of " + accepted + ", got " + value);
    }
    return value;
  }

  /** A number from 0 up to (not including) 1, such as a ratio. */
  double fraction(String name, double defaultValue) {
    Optional<String> value = string(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      double parsed = Double.parseDouble(value.get());
      if (parsed >= 0 && parsed < 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + ": expected a number from 0 to below 1, got " + value.get());
  }

  void rejectLeftovers() {
    for (int i = 0; i < args.length; i++) {
      if (!used[i]) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
  }

  private int number(String name, int defaultValue) {
    Optional<String> value = string(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.get().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected a whole number, got " + value.get());
    }
  }
}
