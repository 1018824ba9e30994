package io.docfleet.queue;

import java.time.Instant;

/**
 * One item of a queue as an operator reads it: the item byte for byte, the worker whose in-flight
 * list holds it (null outside in-flight lists), and when it is due (null outside the delayed set).
 */
public record QueueItem(String raw, String worker, Instant dueAt) {

  static QueueItem ready(String raw) {
    return new QueueItem(raw, null, null);
  }
}
