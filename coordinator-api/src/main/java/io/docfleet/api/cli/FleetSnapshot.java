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
  static FleetSnapshot read(CliContext ctx) {
    ApiClient api = ctx.api();
    return new FleetSnapshot(
        ctx.clock().instant(),
        api.get(WorkersCommand.PATH),
        api.get(QueuesCommand.PATH),
        api.get("/api/v1/cache/metrics"),
        api.get(HealthCommand.PATH),
        null);
  }

  /** Reads the views, or a snapshot that carries the error instead. */
  static FleetSnapshot readOrError(CliContext ctx) {
    try {
      return read(ctx);
    } catch (CliFailure e) {
      return new FleetSnapshot(ctx.clock().instant(), null, null, null, null, e.getMessage());
    }
  }
}
