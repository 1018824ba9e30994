package io.docfleet.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What one monitor frame shows, read from the API in four calls: workers, queues, cache metrics and
 * the health report; or why it could not be read.
 */
record FleetSnapshot(
    Instant at, JsonNode workers, JsonNode queues, JsonNode cache, JsonNode health, String error) {

  /** Reads the four views; a failure throws (the caller decides whether to carry on). */
  static FleetSnapshot read(CliContext cli) {
    ApiClient client = cli.client();
    return new FleetSnapshot(
        cli.clock().instant(),
        client.get(WorkersCommand.PATH),
        client.get(QueuesCommand.PATH),
        client.get("/api/v1/cache/metrics"),
        HealthCommand.read(client),
        null);
  }

  /** Reads the views, or a snapshot that carries the error instead. */
  static FleetSnapshot readOrError(CliContext cli) {
    try {
      return read(cli);
    } catch (CliFailure e) {
      return new FleetSnapshot(cli.clock().instant(), null, null, null, null, e.getMessage());
    }
  }
}
