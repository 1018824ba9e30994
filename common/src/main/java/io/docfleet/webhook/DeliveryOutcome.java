package io.docfleet.webhook;

/**
 * How a webhook delivery attempt counts for its destination: each constant's {@link #wireName} is
 * its field in {@code {metrics}:webhook_destination:<origin>}, its {@code outcome} label of {@code
 * docfleet_webhook_deliveries_total}, and its word in the API, the CLI and the console.
 */
public enum DeliveryOutcome {
  /** A 2xx answer: the event was delivered. */
  DELIVERED("delivered"),
  /** An attempt that failed: another answer, no answer, no connection, a refused address. */
  FAILED("failed"),
  /** The delivery was given up and its task dead-lettered. */
  DEAD_LETTERED("dead_lettered");

  private final String wireName;

  DeliveryOutcome(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
