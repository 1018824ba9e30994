package io.docfleet.queue;

import io.docfleet.task.Priority;
import java.util.Map;
import java.util.Optional;

/**
 * The turn items of the lanes (include/groups.lua writes the same bytes): each stands in a lane's
 * ready list for one ready task of some group, taken from whichever group's turn it is when a
 * worker claims it. Readers of a lane's list (console pages, the task locator) tell them from tasks
 * here.
 */
public final class GroupTurns {
  private static final Map<String, Priority> TURNS =
      Map.of(
          "{\"turn\":\"high\",\"priority\":\"high\"}", Priority.HIGH,
          "{\"turn\":\"normal\"}", Priority.NORMAL,
          "{\"turn\":\"low\",\"priority\":\"low\"}", Priority.LOW);

  private GroupTurns() {}

  /** The lane whose turn {@code item} is, or empty when it is not a turn. */
  public static Optional<Priority> laneOf(String item) {
    return Optional.ofNullable(TURNS.get(item));
  }

  /** The turn item of {@code lane}. */
  public static String of(Priority lane) {
    return TURNS.entrySet().stream()
        .filter(turn -> turn.getValue() == lane)
        .findFirst()
        .orElseThrow()
        .getKey();
  }
}
