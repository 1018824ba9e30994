package io.docfleet.api.http;

/**
 * Who may call a route: anyone, readers (open unless {@code COORDINATOR_READ_AUTH}), or writers.
 */
public enum Access {
  /** Liveness, readiness and the API description: never behind a token. */
  OPEN,
  /** Reads: need a token only when {@code COORDINATOR_READ_AUTH=true}. */
  READ,
  /** Anything that changes state: always needs a token. */
  WRITE
}
