package io.docfleet.task;

import java.util.Locale;
import java.util.Optional;

/**
 * A task's priority, and so the lane it waits in: {@code high} ({@code {tasks:<type>}:high}),
 * {@code normal} ({@code tasks:<type>}, the list foreign ingesters and KEDA have always used) or
 * {@code low} ({@code {tasks:<type>}:low}). Listed from the lane workers take first.
 */
public enum Priority {
  HIGH,
  NORMAL,
  LOW;

  /** What a bad value is told it may be. */
  public static final String ACCEPTS = "high, normal or low";

  /** The name in the task format, the API, the CLI, the key names and the metrics' label. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The priority named {@code wire} (as {@link #wireName}), or empty for any other text. */
  public static Optional<Priority> fromWire(String wire) {
    for (Priority priority : values()) {
      if (priority.wireName().equals(wire)) {
        return Optional.of(priority);
      }
    }
    return Optional.empty();
  }
}
