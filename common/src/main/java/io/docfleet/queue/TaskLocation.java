package io.docfleet.queue;

import java.time.Instant;
import java.util.Locale;

/**
 * Where {@link TaskLocator} found a task's item: the list or set ({@link Place}), the item byte for
 * byte (null when none was found), the worker whose in-flight list holds it, when it is due (in the
 * delayed set), its dead letter (in the dead-letter list), and a note when a bounded scan could not
 * say.
 */
public record TaskLocation(
    Place place, String raw, String worker, Instant dueAt, DeadLetter dead, String note) {

  /**
   * Where an item can be; {@code NONE} when no list holds it, {@code UNKNOWN} past a scan's bound.
   */
  public enum Place {
    READY,
    INFLIGHT,
    DELAYED,
    DEAD,
    NONE,
    UNKNOWN;

    /** The lower-case name the API shows. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public boolean found() {
    return raw != null;
  }

  static TaskLocation nowhere(Place place, String note) {
    return new TaskLocation(place, null, null, null, null, note);
  }
}
