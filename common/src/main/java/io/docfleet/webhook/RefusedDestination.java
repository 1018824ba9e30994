package io.docfleet.webhook;

/** A webhook destination the fleet will not send to; the message says why and what to change. */
public final class RefusedDestination extends Exception {
  public RefusedDestination(String message) {
    super(message, null, false, false);
  }
}
