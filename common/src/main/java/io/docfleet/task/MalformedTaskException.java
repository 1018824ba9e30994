package io.docfleet.task;

/** A queue item that is not a task in the documented format; the message says why. */
public final class MalformedTaskException extends Exception {
  public MalformedTaskException(String reason) {
    super(reason);
  }
}
