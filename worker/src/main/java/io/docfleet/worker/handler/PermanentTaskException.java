package io.docfleet.worker.handler;

/** Thrown by a handler for a task that can never succeed; it is dead-lettered without retry. */
public class PermanentTaskException extends Exception {
  public PermanentTaskException(String message) {
    super(message);
  }

  public PermanentTaskException(String message, Throwable cause) {
    super(message, cause);
  }
}
