package io.docfleet.api.http;

/**
 * Who may call a route: anyone, readers (open unless {@code COORDINATOR_READ_AUTH}), or writers.
 */
public enum Access {
  /** Liveness, readiness, the API description and the dashboard's page: never behind a token. */
  OPEN,
  /** Reads: need a token only when {@code COORDINATOR_READ_AUTH=true}. */
  READ,
  /**
   * A read that browsers open with {@code EventSource}, which cannot send headers: as {@link
   * #READ}, and the token may also come as the {@code access_token} query parameter.
   */
  READ_STREAM,
  /** Anything that changes state: always needs a token. */
  WRITE;

  /** True for the reads that need a token only when read auth is on. */
  public boolean isRead() {
    return this == READ || this == READ_STREAM;
  }
}
