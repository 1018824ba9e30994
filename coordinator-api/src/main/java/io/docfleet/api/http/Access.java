package io.docfleet.api.http;

/**
 * Who may call a route: anyone; readers of the fleet's state (open unless {@code
 * COORDINATOR_READ_AUTH}); readers of document contents and the event stream (a token unless {@code
 * COORDINATOR_CONTENT_AUTH=false}); or writers (always a token).
 */
public enum Access {
  /** Liveness, readiness, the API description and the dashboard's page: never behind a token. */
  OPEN,
  /** Reads of the fleet's state: need a token only when {@code COORDINATOR_READ_AUTH=true}. */
  READ,
  /**
   * Reads of what documents say (their text, entities, structured results): need a token unless
   * {@code COORDINATOR_CONTENT_AUTH=false}.
   */
  CONTENT,
  /**
   * The event stream, which names every document and failure as it happens: as {@link #CONTENT},
   * and since a browser's {@code EventSource} cannot send headers, the token may also come as the
   * {@code access_token} query parameter.
   */
  CONTENT_STREAM,
  /** Anything that changes state: always needs a token. */
  WRITE
}
